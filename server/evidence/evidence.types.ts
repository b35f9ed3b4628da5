/** What the clinic calls each kind of supporting record; the order is the order of the pick list. */
export const DOCUMENT_KINDS = [
  'progress_note',
  'imaging_report',
  'lab_result',
  'letter_of_medical_necessity',
  'prior_treatment_history',
  'payer_correspondence',
  // What an appeal route needs on file before it goes out, as the route names it (see the deadlines
  // domain's appellantRoute): the case flags the route until one of these is attached.
  'appointment_of_representative',
  'waiver_of_liability',
  'enrollee_consent',
  'representative_designation',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The only media types evidence may have, as found in the bytes (never as declared by the client). */
export const EVIDENCE_MEDIA_TYPES = ['application/pdf', 'text/plain', 'image/png', 'image/jpeg', 'image/tiff'] as const;
export type EvidenceMediaType = (typeof EVIDENCE_MEDIA_TYPES)[number];

/** How a page's text was obtained: the file's own text (a PDF's text layer, a text note) or OCR of its image. */
export const PAGE_TEXT_SOURCES = ['text_layer', 'ocr'] as const;
export type PageTextSource = (typeof PAGE_TEXT_SOURCES)[number];

/** Characters `[start, end)` of a page's text. */
export interface TextSpan {
  start: number;
  end: number;
}

/** One uploaded record of a case, as other domains (packets, letters) see it. */
export interface EvidenceDocument {
  id: string;
  caseId: string;
  title: string;
  kind: DocumentKind;
  /** The date of the record itself (the visit, the study, the letter), as YYYY-MM-DD. */
  date: string;
  mediaType: EvidenceMediaType;
  /** Hex SHA-256 of the stored bytes; the file is stored under this name. */
  sha256: string;
  size: number;
  /** PDFs: the real page count; TIFF: its pages; other images: 1; text: as `documentPagesText` splits it. */
  pageCount: number;
  /** Images only: pixel size (a TIFF's first page), so a packet can place the scan without decoding it again. */
  width?: number;
  height?: number;
  /**
   * Present when text is missing, saying why: the document is over one of the clinic's limits
   * ("text not extracted: 20,000 pages is over the limit of 2,000"), or OCR found nothing to
   * read on a page ("page 2 has no readable text").
   */
  textFlag?: string;
  /** While OCR reads the scanned pages: the page it is on, of all pages ("reading text… page 3 of 12"). */
  textProgress?: { page: number; pageCount: number };
  uploadedById: string;
  uploadedByName: string;
  uploadedAt: Date;
}
