import mongoose from 'mongoose';

/** An explain() answer, or a stage of one. */
export type Plan = Record<string, unknown>;

/** Every stage of a MongoDB plan tree, top down. */
export function planStages(plan: Plan): Plan[] {
  const children = [plan.inputStage, ...((plan.inputStages as Plan[] | undefined) ?? [])].filter(Boolean) as Plan[];
  return [plan, ...children.flatMap(planStages)];
}

/** Whether the server under test is FerretDB (whose explain() says only whether a filter was pushed down). */
export async function isFerretDb(): Promise<boolean> {
  return 'ferretdbVersion' in (await mongoose.connection.db!.admin().command({ buildInfo: 1 }));
}
