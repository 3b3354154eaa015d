import type { AssessDrug } from '../drugs/index.js';
import alemtuzumabRules from '../../knowledge/rules/alemtuzumab.json' with { type: 'json' };
import mitoxantroneRules from '../../knowledge/rules/mitoxantrone.json' with { type: 'json' };
import alemtuzumabRisks from '../../knowledge/risks/alemtuzumab.json' with { type: 'json' };
import mitoxantroneRisks from '../../knowledge/risks/mitoxantrone.json' with { type: 'json' };
import camms223 from '../../knowledge/trials/camms223.json' with { type: 'json' };
import careMs1 from '../../knowledge/trials/care-ms-1.json' with { type: 'json' };
import careMs2 from '../../knowledge/trials/care-ms-2.json' with { type: 'json' };
import edan1997 from '../../knowledge/trials/edan-1997.json' with { type: 'json' };
import mims2002 from '../../knowledge/trials/mims-2002.json' with { type: 'json' };
import natalizumabRules from '../../knowledge/rules/natalizumab.json' with { type: 'json' };
import natalizumabRisks from '../../knowledge/risks/natalizumab.json' with { type: 'json' };
import affirm from '../../knowledge/trials/affirm.json' with { type: 'json' };
import siponimodRules from '../../knowledge/rules/siponimod.json' with { type: 'json' };
import siponimodRisks from '../../knowledge/risks/siponimod.json' with { type: 'json' };
import expand from '../../knowledge/trials/expand.json' with { type: 'json' };
import ahsctRules from '../../knowledge/rules/ahsct.json' with { type: 'json' };
import ahsctRisks from '../../knowledge/risks/ahsct.json' with { type: 'json' };
import mist from '../../knowledge/trials/mist.json' with { type: 'json' };
import ocrelizumabRules from '../../knowledge/rules/ocrelizumab.json' with { type: 'json' };
import ocrelizumabRisks from '../../knowledge/risks/ocrelizumab.json' with { type: 'json' };
import opera from '../../knowledge/trials/opera.json' with { type: 'json' };
import oratorio from '../../knowledge/trials/oratorio.json' with { type: 'json' };
import ofatumumabRules from '../../knowledge/rules/ofatumumab.json' with { type: 'json' };
import ofatumumabRisks from '../../knowledge/risks/ofatumumab.json' with { type: 'json' };
import asclepios from '../../knowledge/trials/asclepios.json' with { type: 'json' };
import cladribineRules from '../../knowledge/rules/cladribine.json' with { type: 'json' };
import cladribineRisks from '../../knowledge/risks/cladribine.json' with { type: 'json' };
import clarity from '../../knowledge/trials/clarity.json' with { type: 'json' };

// Each assessable drug's knowledge files, as imported JSON (bundled, so the engine reads no file at
// run time). knowledge.ts validates them when it loads; the registry (src/drugs) names the trials shown.

export interface DrugFiles {
  rules: unknown;
  risks: unknown;
}

export const DRUG_FILES: Record<AssessDrug, DrugFiles> = {
  alemtuzumab: { rules: alemtuzumabRules, risks: alemtuzumabRisks },
  mitoxantrone: { rules: mitoxantroneRules, risks: mitoxantroneRisks },
  natalizumab: { rules: natalizumabRules, risks: natalizumabRisks },
  ocrelizumab: { rules: ocrelizumabRules, risks: ocrelizumabRisks },
  ofatumumab: { rules: ofatumumabRules, risks: ofatumumabRisks },
  cladribine: { rules: cladribineRules, risks: cladribineRisks },
  siponimod: { rules: siponimodRules, risks: siponimodRisks },
  ahsct: { rules: ahsctRules, risks: ahsctRisks },
};

/** Every trial file by its id (knowledge/trials/<id>.json). */
export const TRIAL_FILES: Record<string, unknown> = {
  camms223,
  'care-ms-1': careMs1,
  'care-ms-2': careMs2,
  'edan-1997': edan1997,
  'mims-2002': mims2002,
  affirm,
  expand,
  mist,
  opera,
  oratorio,
  asclepios,
  clarity,
};
