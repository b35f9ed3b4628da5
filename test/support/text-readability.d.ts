/** The part of text-readability (textstat's formulas, on wooorm's syllable) the tests use; it ships no types. */
declare module 'text-readability' {
  const readability: {
    /** Flesch-Kincaid grade level (1975) of English text, rounded to one decimal. */
    fleschKincaidGrade(text: string): number;
  };
  export default readability;
}
