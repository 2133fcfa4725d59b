// Source key, knowledge.md 0.2: what each source tag used by questions and rules refers to, so the UI can
// turn "[ACP-2011]" into a title and a link.

export interface SourceRef {
  readonly tag: string;
  readonly title: string;
  readonly url: string | null;
  readonly used_for: string;
}

const seed = (file: string, title: string, usedFor: string): SourceRef => ({
  tag: `[seed:${file}]`,
  title: `Seed document: "${title}"`,
  url: null,
  used_for: usedFor,
});

export const SOURCES: readonly SourceRef[] = [
  seed("000_fd293d1e9a32864c.txt", "Back Spasm Causes", "causes: injury, overuse, sports, posture, salt deficiency, nerve/disc disease"),
  seed("001_c414019c585f5f4f.txt", "Causes of Back Spasms / Back Muscle Spasm Relief", "sports list, warm-up, posture, deficiencies, relief measures"),
  seed("002_1bf515739626229e.txt", "Why does back spasm", "lifting, weak core, arthritis and discs, imaging roles, medication notes, activity advice"),
  seed("003_14fe80c169d2bdef.txt", "Why Do Backs Spasm? (Yashar Neurosurgery)", "the diagnosis questions, self-care"),
  seed("004_3b59962cdd60841f.txt", "Causes of back spasms (long article)", "conditions, diagnostic tools, trauma types, lifestyle, movements, diet, medications"),
  { tag: "[ACP-2007]", title: "Chou R et al. Diagnosis and treatment of low back pain (ACP/APS). Ann Intern Med 2007;147:478-491", url: "https://pubmed.ncbi.nlm.nih.gov/17909209", used_for: "recommendations 1-4; risk factors; duration categories" },
  { tag: "[ACP-2011]", title: "Chou R et al. Diagnostic imaging for low back pain (ACP). Ann Intern Med 2011;154:181-189", url: "https://pubmed.ncbi.nlm.nih.gov/21282698/", used_for: "immediate vs deferred vs no imaging" },
  { tag: "[ACP-2017]", title: "Qaseem A et al. Noninvasive treatments for acute, subacute and chronic LBP (ACP). Ann Intern Med 2017;166:514-530", url: "https://www.guidelinecentral.com/guideline/13349/", used_for: "conservative care content" },
  ...[1, 2, 3, 4, 5, 6, 7].map(
    (v): SourceRef => ({
      tag: `[ACR-V${v}]`,
      title: `ACR Appropriateness Criteria, Low Back Pain (2021), variant ${v}`,
      url: "https://acsearch.acr.org/list/GetAppendix?PanelName=Neurologic&TopicId=141",
      used_for: "imaging appropriateness by scenario",
    }),
  ),
  { tag: "[ACR-2016]", title: "ACR Appropriateness Criteria Low Back Pain, J Am Coll Radiol 2016", url: "https://linkinghub.elsevier.com/retrieve/pii/S1546-1440(16)30440-9", used_for: "CT when fracture suspected; MRI for severe/progressive deficit" },
  { tag: "[ACR-TRAUMA]", title: "ACR Appropriateness Criteria, Suspected Spine Trauma", url: "https://acsearch.acr.org/list/GetAppendix?TopicId=23&PanelName=Musculoskeletal", used_for: "CT first for high-energy thoracolumbar trauma" },
  { tag: "[NICE-NG59]", title: "NICE NG59, Low back pain and sciatica in over 16s", url: "https://www.nice.org.uk/guidance/ng59/chapter/Recommendations", used_for: "no routine imaging; drug advice; no belts or corsets" },
  { tag: "[NICE-NG65]", title: "NICE NG65, Spondyloarthritis in over 16s", url: "https://www.nice.org.uk/guidance/ng65/chapter/recommendations", used_for: "inflammatory back pain referral rule" },
  { tag: "[NICE-NG234]", title: "NICE NG234, Spinal metastases and metastatic spinal cord compression", url: "https://www.nice.org.uk/guidance/NG234/chapter/recommendations", used_for: "whole-spine MRI within 24 h with cancer plus neurological signs" },
  { tag: "[NICE-QS56]", title: "NICE QS56 statement 3, imaging for suspected MSCC", url: "https://www.nice.org.uk/guidance/qs56/chapter/Quality-statement-3-Imaging-and-treatment-plans-for-adults-with-suspected-metastatic-spinal-cord-compression", used_for: "MRI within 24 h" },
  { tag: "[NICE-NG156]", title: "NICE NG156, Abdominal aortic aneurysm: diagnosis and management", url: "https://www.nice.org.uk/guidance/ng156", used_for: "think of rupture with new abdominal or back pain, collapse or loss of consciousness" },
  { tag: "[CW-AAFP]", title: "Choosing Wisely (AAFP): no imaging for LBP in the first six weeks", url: "https://aafp.org/content/brand/aafp/family-physician/patient-care/clinical-recommendations/all-clinical-recommendations/cw-back-pain.html", used_for: "the six-week rule" },
  { tag: "[CW-NASS]", title: "Choosing Wisely (NASS): no advanced imaging in the first six weeks without red flags", url: "https://www.aafp.org/afp/recommendations/viewRecommendation.htm?recommendationId=127", used_for: "red-flag list incl. age > 50 and immunosuppression" },
  { tag: "[CW-ACA]", title: "Choosing Wisely, American Chiropractic Association", url: "https://www.choosingwisely.org/clinician-lists/aca-spinal-imaging-for-acute-low-back-pain/", used_for: "harms of routine imaging" },
  { tag: "[CW-CAN]", title: "Choosing Wisely Canada, low back imaging", url: "https://choosingwiselycanada.org/primary-care/easing-workload/low-back-imaging", used_for: "harms of routine imaging" },
  { tag: "[CW-AAPMR]", title: "Choosing Wisely (AAPMR): examine before imaging", url: "https://www.aafp.org/afp/recommendations/viewRecommendation.htm?recommendationId=216", used_for: "examination first" },
  { tag: "[AHCPR-1994]", title: "AHCPR Quick Reference Guide 14, Acute low back problems in adults, Table 1", url: "https://www.ncbi.nlm.nih.gov/books/NBK52120/table/A34364/", used_for: "classic red-flag list" },
  { tag: "[DOWNIE-2013]", title: "Downie A et al. Red flags to screen for malignancy and fracture in LBP. BMJ 2013;347:f7095", url: "https://www.bmj.com/content/347/bmj.f7095.abstract", used_for: "which red flags shift probability" },
  { tag: "[GLOS-RF]", title: "NHS Gloucestershire (G-care) spinal red flags", url: "https://g-care.glos.nhs.uk/pathway/71/resource/3", used_for: "UK primary-care red-flag wording" },
  { tag: "[BMJBP-CES]", title: "BMJ Best Practice, Cauda equina syndrome: diagnosis approach", url: null, used_for: "when to suspect CES; emergency MRI within 4 h" },
  { tag: "[LSC-CES-MRI]", title: "Lancashire and South Cumbria out-of-hours MRI pathway", url: "https://healthierlsc.co.uk/our-work/diagnostic-imaging-network/diagnostic-radiology-working-group-mri-pathway-out-hours", used_for: "post-void residual of 200 mL or more" },
  { tag: "[ASAS-IBP]", title: "ASAS expert criteria for inflammatory back pain (Sieper 2009)", url: "https://empendium.com/mcmtextbook/table/031_6932", used_for: "alternative inflammatory back pain definition" },
  { tag: "[AAA-REFS]", title: "Aortic aneurysm presenting as back pain (RACGP AFP 2013; BMJ Best Practice)", url: "https://www.racgp.org.au/afp/2013/june/aortic-aneurysms", used_for: "aneurysm presenting as back pain" },
  { tag: "[NRS]", title: "11-point numeric rating scale", url: "https://physiotherapy.ca/divisions/pain-science/numeric-rating-scale-nrs-11/", used_for: "pain score" },
  { tag: "[PEG]", title: "Krebs EE et al. The PEG. J Gen Intern Med 2009;24:733-738", url: "https://link.springer.com/article/10.1007/s11606-009-0981-1", used_for: "3-item pain measure" },
  { tag: "[BPI]", title: "Brief Pain Inventory user guide, copyright statement", url: null, used_for: "copyright over BPI derivatives" },
  { tag: "[ODI]", title: "Oswestry Disability Index, Mapi Research Trust", url: "https://eprovide.mapi-trust.org/instruments/oswestry-disability-index", used_for: "licensing" },
  { tag: "[RMDQ]", title: "Roland M, Fairbank J. The Roland-Morris and Oswestry questionnaires. Spine 2000", url: null, used_for: "licensing" },
  { tag: "[SBST]", title: "Keele STarT Back tool", url: "https://startback.hfac.keele.ac.uk/privacy-policy/", used_for: "licensing" },
  { tag: "[clinical-knowledge]", title: "Established practice not traced to a stored source", url: null, used_for: "general clinical knowledge" },
  { tag: "[design]", title: "A choice made for this app (threshold, name, precedence), not a clinical claim", url: null, used_for: "design decisions" },
];

const BY_TAG: ReadonlyMap<string, SourceRef> = new Map(SOURCES.map((s) => [s.tag, s]));

export function sourceByTag(tag: string): SourceRef | undefined {
  return BY_TAG.get(tag);
}
