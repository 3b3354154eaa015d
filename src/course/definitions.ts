// The thresholds the course engine applies, each with its source id (../shared/knowledge/README.md).
// They are the product's operational reading of published definitions; a change here is a clinical
// decision and needs its tests changed with it.

export const DEFINITIONS = {
  /** Lublin 2014: activity is judged over a stated period; the product uses the last 12 months. */
  activityWindowMonths: { value: 12, sources: ['lublin-2014'] },
  /** A "full course" of a DMT before breakthrough activity counts (EU usage: at least 6 months). */
  fullCourseMonths: { value: 6, sources: ['eu-smpc-lemtrada', 'lublin-2014'] },
  /** Rapidly evolving severe: 2 or more disabling relapses within one year. */
  resDisablingRelapses: { value: 2, sources: ['eu-smpc-lemtrada'] },
  resRelapseWindowMonths: { value: 12, sources: ['eu-smpc-lemtrada'] },
  /**
   * "Significant increase in T2 load versus a recent previous MRI": the label gives no number; the
   * product reads 2 or more new or enlarging T2 lesions on one scan as significant. [operational]
   */
  resSignificantNewT2: { value: 2, sources: ['eu-smpc-lemtrada'] },
  resGadolinium: { value: 1, sources: ['eu-smpc-lemtrada'] },
  /** Scores within 30 days after a relapse onset reflect the relapse, not baseline disability. */
  relapseExclusionDays: { value: 30, sources: ['kurtzke-1983', 'montobbio-2024'] },
  /** The disability EDSS is recent when taken within the last 12 months. */
  recentEdssMonths: { value: 12, sources: ['lublin-2014'] },
} as const;
