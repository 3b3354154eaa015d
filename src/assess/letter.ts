import type { History } from '../history/schema.js';
import type { ConditionId } from '../history/vocabularies.js';
import { edssText, latestLab } from './facts.js';
import type { Assessment, Reason } from './schema.js';

// The plain-language letter for the patient (`--explain patient`): short sentences, every medical word
// explained where it first appears; what was decided and why, what the treatment would and would not
// do at their stage (spec/why.md point 6: an immune "reboot" cannot repair damage already done), what
// would change the answer, and what to discuss instead. It names no one: the history holds only an id.

const DRUG_NAME = { alemtuzumab: 'alemtuzumab (Lemtrada)', mitoxantrone: 'mitoxantrone' } as const;

const CONDITION_WORDS: Partial<Record<ConditionId, string>> = {
  hiv: 'HIV infection',
  'active-infection': 'an infection that is active now',
  'tuberculosis-active': 'active tuberculosis',
  'uncontrolled-hypertension': 'high blood pressure that is not under control',
  'cervicocephalic-arterial-dissection': 'a past tear in an artery of the neck or head',
  stroke: 'a past stroke',
  angina: 'angina (chest pain from the heart)',
  'myocardial-infarction': 'a past heart attack',
  coagulopathy: 'a blood clotting problem',
  'anticoagulant-or-antiplatelet-therapy': 'medicine that thins the blood',
  'autoimmune-disease': 'another autoimmune disease (an illness where the immune system attacks the body)',
  'urinary-catheter': 'a urinary catheter (a tube that drains the bladder)',
  'recurrent-uti': 'repeated bladder infections',
  'pressure-ulcer': 'a pressure sore',
  'prior-anthracycline': 'past chemotherapy of a kind that strains the heart',
  'mediastinal-radiotherapy': 'past radiotherapy to the chest',
  'heart-failure': 'heart failure (a weak heart pump)',
};

interface Sentences {
  why: string[];
  change: string[];
}

function conditionsIn(h: History, codes: string[]): string {
  const words = (h.conditions ?? []).filter((c) => codes.includes(c.code)).map((c) => CONDITION_WORDS[c.code] ?? c.code);
  return [...new Set(words)].join(' and ');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "in 2012", "in June 2012" or "on 3 June 2012", for a partial date. */
function plainDate(text: string): string {
  const [y, m, d] = text.split('-');
  if (m === undefined) return `in ${y}`;
  const month = MONTHS[Number(m) - 1] ?? m;
  return d === undefined ? `in ${month} ${y}` : `on ${Number(d)} ${month} ${y}`;
}

function explainReason(r: Reason, a: Assessment, h: History, out: Sentences): void {
  const code = r.code.replace(/^(alemtuzumab|mitoxantrone)\./, '');
  if (r.message.startsWith('Uncertain')) {
    out.why.push('Some details in your record are not exact enough for us to be sure how well the studies apply to you.');
    return;
  }
  const edss = a.course.disabilityEdss;
  const drug = a.drug;
  if (code.startsWith('contraindication.')) {
    const cond = code.slice('contraindication.'.length);
    const what = CONDITION_WORDS[cond as ConditionId] ?? cond;
    out.why.push(`Your record shows ${what}. With this, ${drug} could cause serious harm. ${r.effect === 'contraindication' ? 'The drug\'s rules do not allow it.' : ''}`.trim());
    if (cond === 'active-infection') out.change.push('Once the infection has cleared, we can look again.');
    return;
  }
  switch (code) {
    case 'progressive-course':
      out.why.push('Your MS is now in a phase where it slowly gets worse over time, and not mainly in attacks. Doctors call this progressive MS.');
      out.why.push('No study has shown that alemtuzumab helps in this phase.');
      out.change.push('A new study showing a benefit in progressive MS would change this answer.');
      return;
    case 'duration-beyond-evidence':
      out.why.push(`Your first MS symptoms were ${h.msOnset ? plainDate(h.msOnset) : 'long ago'}. That is more than 10 years ago. The studies of this drug only took people within 10 years of their first symptoms.`);
      return;
    case 'disability-beyond-evidence':
      out.why.push(`Your disability score is ${edss ? edssText(edss.score) : 'above 5.0'}. This score (the EDSS) goes from 0 to 10 and measures how MS affects walking and other abilities. The studies only took people with a score of 5.0 or lower.`);
      return;
    case 'advanced-disease':
      out.why.push('Together, the time since your first symptoms and your disability score mean your MS is in a later stage. At this stage the drug\'s risks stay the same, but the benefit has not been shown.');
      out.change.push('A new attack would not change this answer by itself. The studies did not include people at your stage, even with attacks.');
      return;
    case 'inactive-disease':
      out.why.push('Your MS has been quiet for the past year. You had no attacks (relapses) and no new inflammation on your scans. A strong drug with serious risks is not needed for quiet MS.');
      out.change.push('If your MS became active again, with a new attack or new inflammation on a scan, we would look again.');
      return;
    case 'outside-license':
      out.why.push(a.label === 'us'
        ? 'In the United States this drug is kept for people whose MS stayed active on two or more other MS medicines. Your record does not show this.'
        : 'In Europe this drug is only for very active MS: either MS that stayed active despite another MS medicine, or MS with several severe attacks within one year. Your record does not show this.');
      out.change.push('If your MS stayed active despite another medicine, the answer could change.');
      return;
    case 'age-beyond-evidence':
      out.why.push('The studies of this drug only took people up to the age of 55. You are older than that, so we know less about how it works for you.');
      return;
    case 'pregnancy':
      out.why.push(r.effect === 'caution'
        ? 'You are planning a pregnancy soon. This drug needs a gap of some months before a pregnancy.'
        : 'You are pregnant or breastfeeding. This drug could harm the baby.');
      out.change.push('After pregnancy and breastfeeding, we can look again.');
      return;
    case 'infection-risk':
      out.why.push(`You have ${conditionsIn(h, ['urinary-catheter', 'recurrent-uti', 'pressure-ulcer']) || 'a place where germs can easily get in'}. For some days after each dose, mitoxantrone lowers the white blood cells that fight infection. An infection from there could then spread to the blood and become life-threatening (this is called sepsis).`);
      out.change.push('If this way in for germs went away for good, for example if the catheter could be removed, we could look again.');
      return;
    case 'active-infection':
      out.why.push('You have an infection now. This drug weakens the defences against infection.');
      out.change.push('Once the infection has cleared, we can look again.');
      return;
    case 'lvef': {
      const lab = latestLab(h, 'lvef');
      out.why.push(`Your heart's pumping strength (called LVEF) was ${lab ? `${String(lab.value)}%` : 'low'}${lab ? ` ${plainDate(lab.date)}` : ''}. Mitoxantrone can weaken the heart. It must not be given when this is below 50%.`);
      return;
    }
    case 'neutropenia':
      out.why.push('Your white blood cells that fight infection (neutrophils) are too low. The drug would lower them further.');
      out.change.push('If your white blood cells recover, we can look again.');
      return;
    case 'cumulative-dose':
      out.why.push('You have already had a lot of mitoxantrone. There is a lifetime limit, because the risk to the heart grows with the total amount.');
      return;
    case 'prior-treatment':
      out.why.push('You have had mitoxantrone before. In Europe it is not given a second time.');
      return;
    case 'not-indicated':
      out.why.push(h.course?.phenotype === 'PPMS'
        ? 'Your MS has been slowly worsening from the start. Doctors call this primary progressive MS. Mitoxantrone has not been shown to help in this type.'
        : 'Your MS has been neither active nor getting worse lately. A drug with serious risks is not needed now.');
      return;
    case 'cardiac-risk':
      out.why.push(`You have ${conditionsIn(h, ['prior-anthracycline', 'mediastinal-radiotherapy', 'heart-failure']) || 'a higher risk of heart problems'}. This makes heart damage from mitoxantrone more likely, so your heart would need close checks.`);
      return;
    case 'active-disease':
    case 'active-or-worsening':
      out.why.push(drug === 'alemtuzumab'
        ? 'Your MS has been active lately, with attacks or new inflammation on your scans. That is when this kind of treatment can help most.'
        : 'Your MS has been active or getting worse lately. That is when this medicine can help.');
      return;
    case 'highly-active':
      out.why.push('Your MS stayed very active, even with another MS medicine. This drug is meant for that situation.');
      return;
    case 'inside-evidence':
      out.why.push('People like you took part in the main studies of this drug. In them, it cut the number of attacks by about half compared with another MS medicine.');
      return;
    case 'protocol-fit':
      out.why.push('People like you took part in the studies of this medicine. In them, it helped with attacks and with worsening.');
      return;
    case 'outside-evidence':
      out.why.push('People like you were not part of the main studies of this medicine. So we know less about how well it would work for you.');
      return;
    case 'check.vzv-immunity':
      out.why.push('Your blood test shows you are not protected against chickenpox. You would need a vaccine first, at least 6 weeks before treatment.');
      return;
    case 'check.tuberculosis-screen':
      out.why.push('A test suggests a hidden tuberculosis infection. It would need treatment first.');
      return;
    case 'check.hepatitis-b-screen':
    case 'check.hepatitis-c-screen':
      out.why.push('You have a hepatitis (liver) infection. A liver specialist would need to advise first.');
      return;
    default:
      out.why.push(r.message);
  }
}

const MISSING_WORDS: Record<string, string> = {
  edss: 'a recent check of your disability score (the EDSS)',
  relapses: 'the list of your MS attacks (relapses), even if there were none',
  mri: 'your recent MRI scan results',
  course: 'your doctor\'s note of the type of MS you have',
  therapies: 'the list of MS medicines you have taken',
  conditions: 'your other health conditions, even if there are none',
  birthDate: 'your date of birth',
  msOnset: 'the date of your first MS symptoms',
  body: 'your height and weight',
};

function missingWords(field: string): string {
  return MISSING_WORDS[field] ?? MISSING_WORDS[field.replace(/\[.*$/, '')] ?? field;
}

function decision(a: Assessment): string[] {
  const name = DRUG_NAME[a.drug];
  switch (a.verdict) {
    case 'offer': return [`We think ${name} is a reasonable choice for you.`, 'We would like to talk it through with you before you decide.'];
    case 'offer-with-caution': return [`We think ${name} could be a choice for you.`, 'But there are points we need to weigh carefully together.'];
    case 'insufficient-data': return [`We cannot decide about ${name} yet.`, 'Some information we need is missing.'];
    case 'advise-against': return [`We advise against ${name} for you.`, 'We think its risks are greater than the good it could do for you now.'];
    case 'contraindicated': return [`${name.charAt(0).toUpperCase() + name.slice(1)} is not safe for you.`, 'We will not use it.'];
  }
}

function whatItDoes(a: Assessment, h: History): string[] {
  const progressive = h.course?.phenotype === 'SPMS' || h.course?.phenotype === 'PPMS' || a.course.objectiveSpms.status === 'met'
    || a.reasons.some((r) => r.code.endsWith('advanced-disease'));
  if (a.drug === 'alemtuzumab') {
    const s = [
      'Alemtuzumab works like a "reboot" of the immune system. It clears out the immune cells that cause inflammation in MS. The immune system then grows back, and often attacks the nerves less.',
      'This helps most early on, when inflammation drives the MS. It can reduce attacks a lot.',
      'It cannot repair damage that is already done.',
    ];
    if (progressive) s.push('At your stage, the damage is driven less by inflammation. So the reboot would help little, while its risks stay the same.');
    // Plain forms of the frequencies in knowledge/risks/alemtuzumab.json (thyroid 30-40%, ITP 1-2.8%).
    s.push('It has risks. About 3 or 4 people in 10 get a thyroid problem.');
    s.push('About 1 to 3 people in 100 get a drop in the blood cells that stop bleeding.');
    s.push('Kidney problems are rare. Infections and reactions during the drip are common.');
    s.push('After treatment you would need blood and urine tests every month for 4 years.');
    return s;
  }
  const s = [
    'Mitoxantrone is a strong medicine that calms the immune system. It can reduce attacks and slow worsening for a time.',
    'It cannot repair damage that is already done.',
    // Plain forms of knowledge/risks/mitoxantrone.json (leukaemia 0.3-0.7%).
    'It has risks. It can damage the heart.',
    'About 3 to 7 people in 1,000 get a blood cancer (leukaemia) later.',
    'After each dose, the white blood cells that fight infection are low for some days.',
    'There is a limit to how much anyone can have in a lifetime.',
  ];
  return s;
}

function instead(a: Assessment, h: History): string[] {
  const s: string[] = [];
  const progressive = a.reasons.some((r) => /progressive-course|advanced-disease/.test(r.code));
  if (a.verdict === 'offer' || a.verdict === 'offer-with-caution') {
    s.push('Other MS medicines, with different benefits and risks, so that you can compare.');
  } else if (a.verdict === 'insufficient-data') {
    s.push('What tests or records we need, and when we can meet again to decide.');
  } else {
    s.push('Other MS medicines that may suit you better at this stage.');
    if (progressive) {
      s.push('Some medicines have been studied in progressive MS. We can talk about whether one of them fits you.');
      s.push('Research: people in your situation are the ones a study of alemtuzumab in progressive MS would need. You could ask about taking part.');
    }
  }
  s.push('Physiotherapy, rehabilitation and help with symptoms such as tiredness, stiffness or bladder problems.');
  if (h.conditions?.some((c) => c.code === 'urinary-catheter' && c.status === 'active')) s.push('Care of your bladder and catheter, to lower the risk of infection.');
  return s;
}

export function patientLetter(a: Assessment, history: History): { text: string; html: string } {
  const out: Sentences = { why: [], change: [] };
  // For a "no", only what decided it; for an offer, also what weighs for the drug.
  const offered = a.verdict === 'offer' || a.verdict === 'offer-with-caution';
  for (const r of a.reasons.filter((x) => x.effect === 'for')) if (offered) explainReason(r, a, history, out);
  for (const r of a.reasons.filter((x) => x.effect !== 'for')) explainReason(r, a, history, out);
  if (a.verdict === 'insufficient-data') {
    out.why.unshift('Some facts we need to weigh the benefits and the risks are not in your record yet.');
    const fields = [...new Set(a.missing.filter((m) => m.effect !== 'caution').map((m) => missingWords(m.field)))];
    for (const f of fields) out.change.push(`We need ${f}.`);
  }
  if (out.change.length === 0) {
    out.change.push(a.verdict === 'offer'
      ? 'If your health changes before treatment starts, for example a new infection or a pregnancy, we would look again.'
      : 'Some of these facts will not change with time. New research could change the answer, and we will tell you if it does.');
  }
  const sections: [string, string[]][] = [
    ['What we decided', decision(a)],
    ['Why', out.why.length > 0 ? [...new Set(out.why)] : ['Your records show no reason against it.']],
    [`What ${a.drug} would and would not do`, whatItDoes(a, history)],
    ['What would change the answer', [...new Set(out.change)]],
    ['What we can talk about instead', instead(a, history)],
  ];
  const intro = `About ${DRUG_NAME[a.drug]} for your MS (multiple sclerosis). Written on ${a.asOf}.`;
  const outro = 'This letter is to help you think and talk it over. Please bring your questions to your next appointment.';
  const text = [intro, '', ...sections.flatMap(([title, lines]) => [title, ...lines.map((l) => `- ${l}`), '']), outro, ''].join('\n');
  const html = [
    '<article class="patient-letter" lang="en">',
    `<p>${esc(intro)}</p>`,
    ...sections.flatMap(([title, lines]) => [`<h2>${esc(title)}</h2>`, '<ul>', ...lines.map((l) => `<li>${esc(l)}</li>`), '</ul>']),
    `<p>${esc(outro)}</p>`,
    '</article>',
  ].join('\n');
  return { text, html };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
