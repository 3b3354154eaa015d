import type { History } from './schema.js';

// A therapy stopped on a day the source does not give (`endUnknown: true`) was taken from its start and
// has ended. Computations that need a day (exposure spans, relapses on therapy, monitoring) count it as
// ending on its start, the least it can have lasted, and never as ongoing; rules that depend on the
// time since stopping (washouts) read `endUnknown` and say the end is unknown instead.

/** The history with each end-unknown therapy given its start as end (the flag kept); the same object when there is none. */
export function withMinimalEnds(h: History): History {
  const therapies = h.therapies;
  if (!therapies) return h;
  // A plain loop: this runs for every decision, and nearly no history has such a therapy.
  let any = false;
  for (let i = 0; i < therapies.length && !any; i++) if (lacksEnd(therapies[i]!)) any = true;
  if (!any) return h;
  return { ...h, therapies: therapies.map((t) => (lacksEnd(t) ? { ...t, end: t.start } : t)) };
}

/** An end-unknown therapy not yet given its start as end: the one test for both the scan and the change, so a history already given its minimal ends comes back as it is. */
function lacksEnd(t: NonNullable<History['therapies']>[number]): boolean {
  return t.endUnknown === true && t.end === undefined;
}
