#!/usr/bin/env node
// Generates cases.tsv, the labelled corpus for the APA 7 reference checker.
//
// A few hundred varied CSL-JSON items (journal articles with 1 to 25
// authors, books, edited-book chapters, web pages with and without dates
// or authors, group authors, StatPearls-style chapters, reports) are
// rendered with citeproc-js and the CSL styles of ../shared/testdata/csl
// (beside the project; read, never copied). APA renderings are labelled
// apa-valid, the others other-style:<style>, and single-fault mutants of
// the APA renderings mutant:<rule the fault must raise>.
//
// Output: one case a line, "label<TAB>entry", the entry escaped (\\ \t \n)
// so that soft line breaks survive. Deterministic: a fixed seed.
//
// usage: npm ci && node gen.js [--csl DIR] [--out FILE] [--seed N]
'use strict';

const fs = require('fs');
const path = require('path');
const CSL = require('citeproc');

const args = process.argv.slice(2);
function opt(name, def) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : def;
}
const projectRoot = path.resolve(__dirname, '..', '..');
const cslDir = opt('--csl', process.env.ML_CSL_DIR ||
  path.resolve(projectRoot, '..', 'shared', 'testdata', 'csl'));
const outFile = opt('--out', path.join(__dirname, 'cases.tsv'));

// ---- deterministic randomness -------------------------------------------
let seed = Number(opt('--seed', 0x5eed1234));
function rnd() { // mulberry32
  seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rnd() * a.length)];
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const chance = (p) => rnd() < p;

// ---- vocabulary -----------------------------------------------------------
const FAMILIES = ['Smith', 'Nguyen', 'Okafor', 'García', 'Müller', "O'Brien",
  'Kowalski', 'Chen', 'Patel', 'Johansson', 'Rossi', 'Dubois', 'Kim',
  'Ivanova', 'Søndergaard', 'Łukasiewicz', 'Ahmed', 'Fernández', 'MacDonald',
  'McCarthy', 'Schmidt', 'Tanaka', 'Yılmaz', 'Novak', 'Costa', 'Silva',
  'Papadopoulos', 'Haddad', 'Andersen', 'Murphy', 'Lloyd-Jones', 'Bordoni',
  'Waheed', 'Varacallo', 'Sareen', 'Alfredson', 'Magnusson', 'Kjær',
  'Cook', 'Purdam', 'Rio', 'Malliaras', 'Bahr', 'Gabbett', 'Ardern',
  'Khan', 'Brukner', 'Hägglund', 'Waldén', 'Ekstrand', 'Thorborg'];
const PARTICLES = [['van der', 'Berg'], ['de la', 'Cruz'], ['van', 'Dijk'],
  ['von', 'Trapp'], ['da', 'Silva'], ['di', 'Stefano'], ['dos', 'Santos'],
  ['le', 'Roux'], ['ter', 'Haar'], ['van den', 'Bekerom']];
const GIVEN = ['Quentin', 'Maria', 'Wei', 'Aisha', 'Jonathan', 'Élodie',
  'Øystein', 'Ömer', 'Zoë', 'Karim', 'Ingrid', 'Tomasz', 'Priya', 'Liam',
  'Hannah', 'Mateo', 'Yuki', 'Fatima', 'Olu', 'Sven', 'Chloé', 'Dylan'];
const HYPHENATED = ['Anne-Julie', 'Jean-Luc', 'Marie-Claire', 'Hans-Peter',
  'Ji-Woo', 'Anna-Lena'];
const GROUPS = ['World Health Organization', 'American Psychological Association',
  'Centers for Disease Control and Prevention', 'National Institute on Aging',
  'American College of Sports Medicine', 'National Health Service',
  'Mayo Clinic', 'American Academy of Orthopaedic Surgeons',
  'National Institute for Health and Care Excellence',
  'U.S. Department of Health and Human Services', 'Arthritis Foundation',
  'Australian Physiotherapy Association'];
const TOPICS = ['eccentric training', 'calf muscle strain', 'Achilles tendinopathy',
  'ankle sprain', 'plantar heel pain', 'gastrocnemius tightness',
  'hamstring injury', 'patellar tendinopathy', 'low back pain',
  "Parkinson's disease", 'knee osteoarthritis', 'COVID-19 recovery',
  'falls in older adults', 'running injuries', 'postural balance',
  'soleus muscle function', 'shin splints', 'anterior cruciate ligament reconstruction',
  'Osgood-Schlatter disease', 'medial tibial stress syndrome'];
const OUTCOMES = ['pain and function', 'return to sport', 'muscle strength',
  'walking speed', 'quality of life', 'tendon stiffness', 'reinjury rates',
  'ankle range of motion', 'balance control'];
const POPS = ['recreational runners', 'older adults', 'elite football players',
  'adolescent athletes', 'adults with diabetes', 'military recruits',
  'patients in primary care', 'people in the United States'];
const DESIGNS = ['A randomized controlled trial', 'A systematic review and meta-analysis',
  'A cohort study', 'A cross-sectional study', 'A narrative review',
  'Protocol for a pilot study', 'A Delphi consensus'];
const JOURNALS = ['Journal of Orthopaedic & Sports Physical Therapy', 'The Lancet',
  'BMJ Open', 'Sports Medicine', 'American Journal of Sports Medicine',
  'PLOS ONE', 'Physical Therapy', 'Journal of Foot and Ankle Research',
  'Clinical Biomechanics', 'Gait & Posture', 'British Journal of Sports Medicine',
  'Scandinavian Journal of Medicine & Science in Sports', 'JAMA',
  'New England Journal of Medicine', 'Cochrane Database of Systematic Reviews',
  'Journal of Knee Studies'];
// the journals' NLM Catalog abbreviations, which NLM and AMA print
// (container-title-short; apa.csl prints the full name)
const JOURNAL_ABBREV = {
  'Journal of Orthopaedic & Sports Physical Therapy': 'J Orthop Sports Phys Ther',
  'The Lancet': 'Lancet', 'BMJ Open': 'BMJ Open', 'Sports Medicine': 'Sports Med',
  'American Journal of Sports Medicine': 'Am J Sports Med', 'PLOS ONE': 'PLoS One',
  'Physical Therapy': 'Phys Ther', 'Journal of Foot and Ankle Research': 'J Foot Ankle Res',
  'Clinical Biomechanics': 'Clin Biomech (Bristol)', 'Gait & Posture': 'Gait Posture',
  'British Journal of Sports Medicine': 'Br J Sports Med',
  'Scandinavian Journal of Medicine & Science in Sports': 'Scand J Med Sci Sports',
  'JAMA': 'JAMA', 'New England Journal of Medicine': 'N Engl J Med',
  'Cochrane Database of Systematic Reviews': 'Cochrane Database Syst Rev',
  'Journal of Knee Studies': 'J Knee Stud'};
const DOI_PREFIX = ['10.1136/bjsports-2019-', '10.2519/jospt.2020.', '10.1177/036354651',
  '10.1111/sms.1', '10.1097/JSM.000000000000', '10.3390/ijerph17010',
  '10.1371/journal.pone.0', '10.5555/', '10.1186/s13047-021-00', '10.1016/j.clinbiomech.2020.10'];
const ODD_DOIS = ['10.1016/S0140-6736(20)30183-5', '10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O',
  '10.1007/978-3-030-12345-6_5', '10.1002/14651858.CD012345.pub2',
  '10.1577/1548-8659(1994)123<0937:EOSACP>2.3.CO;2', '10.1097/01.mss.0000227304.81313.73'];
const PUBLISHERS = ['Elsevier', 'Human Kinetics', 'Springer', 'Wolters Kluwer',
  'Oxford University Press', 'McGraw-Hill Education', 'Thieme', 'Routledge',
  'Churchill Livingstone', 'Jones & Bartlett Learning'];
const BOOKS = ['Clinical orthopaedic rehabilitation', 'Therapeutic exercise: Foundations and techniques',
  'Brukner & Khan\'s clinical sports medicine', 'Orthopedic physical assessment',
  'Gray\'s anatomy for students', 'Sports injury prevention and rehabilitation',
  'Muscles: Testing and function with posture and pain', 'Evidence-based practice in physiotherapy',
  'The running injury handbook', 'Foot and ankle disorders in adults'];
const SITES = ['Physiopedia', 'Healthline', 'MedlinePlus', 'Cleveland Clinic',
  'Verywell Health', 'NHS inform', 'Harvard Health Publishing', 'WebMD',
  'Johns Hopkins Medicine', 'Sports Medicine Australia'];
const PAGES = ['Gastrocnemius', 'Calf strain', 'Achilles tendon rupture',
  'Exercise for older adults', 'Physical activity', 'Heel pain', 'Sprained ankle',
  'How to stretch your calves', 'Shin splints: Causes and treatment',
  'Low back pain fact sheet', 'Knee osteoarthritis: What you need to know'];

const SPECIES = ['Staphylococcus aureus', 'Borrelia burgdorferi', 'Pseudomonas aeruginosa',
  'Clostridioides difficile', 'Streptococcus pyogenes'];

function ucfirst(s) { return s.charAt(0).toUpperCase() + s.slice(1); }

function articleTitle() {
  const t = pick([
    () => `Effects of ${pick(TOPICS)} on ${pick(OUTCOMES)} in ${pick(POPS)}`,
    () => `${ucfirst(pick(TOPICS))} and ${pick(OUTCOMES)}: ${pick(DESIGNS)}`,
    () => `Risk factors for ${pick(TOPICS)} among ${pick(POPS)}`,
    () => `Does ${pick(TOPICS)} predict ${pick(OUTCOMES)}? ${pick(DESIGNS)}`,
    () => `${ucfirst(pick(OUTCOMES))} after ${pick(TOPICS)}`,
    () => `Muscle tendon calf ankle`,
    () => `Management of ${pick(TOPICS)} in ${pick(POPS)}: ${pick(DESIGNS)}`,
    () => `\u201cText neck\u201d and ${pick(OUTCOMES)} in ${pick(POPS)}`,
    () => `Surgery vs. physiotherapy for ${pick(TOPICS)}`,
    () => `${ucfirst(pick(TOPICS))} in the U.S. military`,
    () => `Is ${pick(TOPICS)} preventable?`,
    () => `Vitamin D and ${pick(OUTCOMES)}`,
    () => `Type 2 diabetes and ${pick(TOPICS)}: ${pick(DESIGNS)}`,
    // species names stay italic inside a roman article title
    () => `Prevalence of <i>${pick(SPECIES)}</i> in ${pick(POPS)}`,
    () => `<i>${pick(SPECIES)}</i> infection after ${pick(TOPICS)}`,
  ])();
  return t;
}

// ---- names ----------------------------------------------------------------
function person(simple) {
  if (simple) return { family: pick(FAMILIES), given: pick(GIVEN) };
  const r = rnd();
  let p;
  if (r < 0.1) {
    const [part, fam] = pick(PARTICLES);
    p = { family: fam, given: pick(GIVEN), 'non-dropping-particle': part };
  } else if (r < 0.18) {
    p = { family: pick(FAMILIES), given: pick(HYPHENATED) };
  } else if (r < 0.35) {
    p = { family: pick(FAMILIES), given: `${pick(GIVEN)} ${pick(GIVEN)}` };
  } else if (r < 0.45) {
    p = { family: pick(FAMILIES), given: `${pick(GIVEN)} ${String.fromCharCode(65 + int(0, 25))}.` };
  } else {
    p = { family: pick(FAMILIES), given: pick(GIVEN) };
  }
  if (chance(0.05)) p.suffix = pick(['Jr.', 'Sr.', 'III']);
  return p;
}

function authors(n) {
  const out = [];
  const simple = n > 20;
  const seen = new Set();
  while (out.length < n) {
    const p = person(simple);
    const key = p.family + p.given;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

function authorCount() {
  const r = rnd();
  if (r < 0.3) return 1;
  if (r < 0.55) return int(2, 3);
  if (r < 0.8) return int(4, 7);
  if (r < 0.9) return int(8, 20);
  return int(21, 25);
}

function doi(i) {
  if (chance(0.12)) return pick(ODD_DOIS);
  return pick(DOI_PREFIX) + String(10000 + i * 37).padStart(5, '0');
}

function date(parts) {
  return { 'date-parts': [parts] };
}

function year() { return int(1995, 2024); }

// ---- items -----------------------------------------------------------------
const items = {};
let nextId = 0;
function add(kind, item) {
  const id = `${kind}-${++nextId}`;
  item.id = id;
  items[id] = item;
  return item;
}

function journalItem(i) {
  const it = {
    type: 'article-journal', title: articleTitle(), author: authors(authorCount()),
    issued: date(chance(0.1) ? [year(), int(1, 12)] : [year()]),
    'container-title': pick(JOURNALS), volume: String(int(1, 80)),
  };
  it['container-title-short'] = JOURNAL_ABBREV[it['container-title']];
  if (chance(0.8)) it.issue = String(int(1, 12));
  if (chance(0.2)) it.number = pick(['e', '']) + int(100, 99999);
  else {
    const a = int(1, 900);
    it.page = `${a}-${a + int(3, 40)}`;
  }
  if (chance(0.85)) it.DOI = doi(i);
  else if (chance(0.5)) it.URL = `https://pubmed.ncbi.nlm.nih.gov/${int(1000000, 39999999)}/`;
  if (chance(0.08)) it.author = [{ literal: pick(GROUPS) }];
  if (chance(0.04)) {
    delete it.issued;
    it.status = 'in press';
  }
  if (!it.DOI && !it.URL && chance(0.3)) it.URL = `https://www.ncbi.nlm.nih.gov/pmc/articles/PMC${int(1000000, 11999999)}/`;
  return add('journal', it);
}

// Same authors and year twice: APA adds a, b to the year.
function twinItems(i) {
  const a = journalItem(i);
  const b = journalItem(i + 1000);
  b.author = a.author;
  b.issued = a.issued || date([year()]);
  a.issued = b.issued;
  delete a.status;
  delete b.status;
}

function newsItem() {
  const it = {
    type: pick(['article-newspaper', 'article-magazine']), title: articleTitle(),
    author: authors(int(1, 2)), 'container-title': pick(['The New York Times', 'The Guardian', 'Runner\u2019s World', 'Time']),
    issued: date([year(), int(1, 12), int(1, 28)]),
    URL: `https://www.example-news.com/${year()}/${int(1, 12)}/story-${int(100, 999)}`,
  };
  if (it.type === 'article-magazine' && chance(0.5)) {
    it.volume = String(int(1, 200));
    it.issue = String(int(1, 52));
    const a = int(1, 120);
    it.page = `${a}-${a + int(1, 9)}`;
    delete it.URL;
  }
  return add('news', it);
}

function bookItem(i) {
  const it = {
    type: 'book', title: pick(BOOKS), issued: date([year()]),
    publisher: pick(PUBLISHERS), ISBN: isbn13(),
  };
  if (chance(0.15)) it.editor = authors(int(1, 3));
  else if (chance(0.15)) it.author = [{ literal: pick(GROUPS) }];
  else it.author = authors(int(1, 4));
  if (chance(0.6)) it.edition = String(int(2, 8));
  if (chance(0.25)) it.DOI = doi(i);
  return add('book', it);
}

function chapterItem(i) {
  const a = int(1, 500);
  const it = {
    type: 'chapter', title: articleTitle(), author: authors(int(1, 4)),
    editor: authors(int(1, 4)), 'container-title': pick(BOOKS),
    page: `${a}-${a + int(5, 40)}`, publisher: pick(PUBLISHERS), issued: date([year()]),
  };
  if (chance(0.4)) it.edition = String(int(2, 6));
  if (chance(0.4)) it.DOI = doi(i);
  return add('chapter', it);
}

function statpearlsItem() {
  const y = int(2017, 2024);
  const it = {
    type: 'chapter', title: `Anatomy, bony pelvis and lower limb, ${pick(['gastrocnemius muscle', 'soleus muscle', 'calf', 'Achilles tendon', 'tibialis anterior muscle'])}`,
    author: authors(int(1, 4)), 'container-title': 'StatPearls',
    publisher: 'StatPearls Publishing', issued: date([y, int(1, 12), int(1, 28)]),
  };
  if (chance(0.5)) it.title = `${ucfirst(pick(TOPICS))}`;
  it.URL = chance(0.5) ? `https://pubmed.ncbi.nlm.nih.gov/${int(28000000, 39999999)}/`
    : `https://www.ncbi.nlm.nih.gov/books/NBK${int(400000, 599999)}/`;
  return add('statpearls', it);
}

function webItem() {
  const site = pick(SITES);
  const it = {
    type: 'webpage', title: pick(PAGES), 'container-title': site,
    URL: `https://www.example-health.org/${pick(['conditions', 'articles', 'wiki'])}/${int(100, 999)}`,
  };
  const r = rnd();
  if (r < 0.45) it.author = authors(int(1, 3));
  else if (r < 0.7) it.author = [{ literal: pick(GROUPS) }];
  const d = rnd();
  if (d < 0.35) it.issued = date([year()]);
  else if (d < 0.55) it.issued = date([year(), int(1, 12)]);
  else if (d < 0.75) it.issued = date([year(), int(1, 12), int(1, 28)]);
  else if (chance(0.5)) it.accessed = date([2024, int(1, 12), int(1, 28)]);
  return add('web', it);
}

function reportItem() {
  const g = pick(GROUPS);
  const it = {
    type: 'report', title: `${ucfirst(pick(TOPICS))}: ${pick(['Guidelines for clinicians', 'A report to the nation', 'Evidence update'])}`,
    author: [{ literal: g }], issued: date([year()]),
    URL: `https://www.example.org/reports/${int(1000, 9999)}`,
  };
  if (chance(0.5)) it.publisher = pick(PUBLISHERS);
  if (chance(0.4)) it.number = String(int(10, 999));
  return add('report', it);
}

function isbn13() {
  const d = [9, 7, 8];
  for (let k = 0; k < 9; k++) d.push(int(0, 9));
  let s = 0;
  d.forEach((x, k) => { s += x * (k % 2 ? 3 : 1); });
  d.push((10 - (s % 10)) % 10);
  return d.join('');
}

for (let i = 0; i < 150; i++) journalItem(i);
for (let i = 0; i < 40; i++) bookItem(i);
for (let i = 0; i < 40; i++) chapterItem(i);
for (let i = 0; i < 25; i++) statpearlsItem();
for (let i = 0; i < 60; i++) webItem();
for (let i = 0; i < 10; i++) reportItem();
for (let i = 0; i < 6; i++) twinItems(2000 + 2 * i);
for (let i = 0; i < 15; i++) newsItem();

// ---- rendering ---------------------------------------------------------------
function decodeEntities(s) {
  return s.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&nbsp;/g, '\u00a0').replace(/&amp;/g, '&');
}

// citeproc HTML to Markdown: <i> to *...*, other tags dropped.
function toMarkdown(html) {
  let s = html.replace(/<div class="csl-left-margin">[^<]*<\/div>/g, '');
  s = s.replace(/\*/g, '\\*');
  s = s.replace(/<i>([\s\S]*?)<\/i>/g, (_, inner) => {
    const lead = inner.match(/^\s*/)[0];
    const trail = inner.match(/\s*$/)[0];
    const core = inner.trim();
    return core ? `${lead}*${core}*${trail}` : inner;
  });
  s = s.replace(/<[^>]+>/g, '');
  s = decodeEntities(s);
  return s.replace(/\s+/g, ' ').trim();
}

function render(style, from = items) {
  const xml = fs.readFileSync(path.join(cslDir, `${style}.csl`), 'utf8');
  const sys = {
    retrieveLocale: () => fs.readFileSync(path.join(cslDir, 'locales-en-US.xml'), 'utf8'),
    retrieveItem: (id) => from[id],
  };
  const engine = new CSL.Engine(sys, xml, 'en-US');
  engine.updateItems(Object.keys(items));
  const [meta, entries] = engine.makeBibliography();
  const out = {};
  meta.entry_ids.forEach((ids, k) => { out[ids[0]] = toMarkdown(entries[k]); });
  return out;
}

const apa = render('apa');
const others = ['vancouver', 'american-medical-association', 'harvard-cite-them-right']
  .map((st) => [st, render(st)]);

// ---- presentation variants of valid entries (what editors paste) -----------------
// Soft line breaks with indented continuation lines, _underscore_ emphasis,
// NBSP between initials, an autolink.
function variant(s, k) {
  switch (k % 6) {
    case 1: { // wrap at ~70 columns, continuation indented by 3
      const words = s.split(' ');
      const lines = [];
      let cur = '';
      for (const w of words) {
        if (cur && cur.length + w.length > 70) { lines.push(cur); cur = w; } else cur = cur ? `${cur} ${w}` : w;
      }
      lines.push(cur);
      return lines.join('\n   ');
    }
    case 2: return s.replace(/\*([^*]+)\*/g, '_$1_');
    case 3: return s.replace(/([A-Z]\.) ([A-Z]\.)/g, '$1\u00a0$2');
    case 4: return s.replace(/(https:\/\/[^\s<>]+)$/, '<$1>');
    default: return s;
  }
}

// ---- mutants ------------------------------------------------------------------------
const LOC = /( (?:Retrieved [^]*?from )?https?:\/\/\S+)$/;
function splitLoc(s) {
  const m = s.match(LOC);
  return m ? [s.slice(0, m.index), m[1]] : [s, ''];
}
const DATE = / \(((?:\d{4}[a-z]?(?:, [A-Z][a-z]+(?: \d+)?)?)|n\.d\.)\)\. /;

function titleCase(t) {
  const minor = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'in', 'nor', 'of', 'on', 'or', 'so', 'the', 'to', 'up', 'yet', 'with', 'from', 'into', 'vs']);
  let changed = 0;
  const out = t.split(' ').map((w, k) => {
    if (k === 0 || minor.has(w) || !/^[a-z]/.test(w)) return w;
    changed++;
    return w.charAt(0).toUpperCase() + w.slice(1);
  }).join(' ');
  return changed >= 2 ? out : null;
}

function firstAuthorEnd(s) {
  const m = s.match(/^([^,]+), ((?:[A-ZÀ-Þ][a-z]?\.[ -]?)+)/);
  return m;
}

const MUTATIONS = [
  ['citation-punctuation', 'final-period', (s) => {
    const [body, loc] = splitLoc(s);
    return body.endsWith('.') ? body.slice(0, -1) + loc : null;
  }],
  ['citation-punctuation', 'double-period', (s) => s.match(DATE) ? s.replace(DATE, (m) => m.replace(/\. $/, '.. ')) : null],
  ['citation-punctuation', 'period-semicolon', (s, it) => {
    const m = s.match(/\. \*([^*]+)\*, /);
    return m && it.type === 'article-journal' ? s.replace(m[0], `.; *${m[1]}*, `) : null;
  }],
  ['citation-punctuation', 'date-no-period', (s) => s.match(DATE) ? s.replace(DATE, (m) => m.replace(/\)\. $/, ') ')) : null],
  ['citation-doi', 'period-after-doi', (s) => /https?:\/\/\S+$/.test(s) ? `${s}.` : null],
  ['citation-doi', 'doi-colon', (s) => s.includes('https://doi.org/') ? s.replace('https://doi.org/', pick(['doi:', 'doi: ', 'DOI: '])) : null],
  ['citation-doi', 'dx-doi', (s) => s.includes('https://doi.org/') ? s.replace('https://doi.org/', pick(['http://dx.doi.org/', 'https://dx.doi.org/', 'http://doi.org/'])) : null],
  ['citation-doi', 'retrieved-from', (s) => {
    const m = s.match(/ (https?:\/\/\S+)$/);
    return m && !s.includes('Retrieved') ? s.replace(/ (https?:\/\/\S+)$/, ' Retrieved from $1') : null;
  }],
  ['citation-doi', 'malformed-doi', (s) => {
    const m = s.match(/https:\/\/doi\.org\/10\.(\d+)\//);
    return m ? s.replace(m[0], `https://doi.org/10.${m[1].slice(0, 2)}/`) : null;
  }],
  ['citation-author', 'et-al', (s, it) => {
    if (!it.author || it.author.length < 3 || it.author[0].literal) return null;
    const d = s.search(DATE);
    const m = firstAuthorEnd(s);
    return d > 0 && m ? `${m[0].trim()}, et al.${s.slice(d)}` : null;
  }],
  ['citation-author', 'and-for-ampersand', (s) => {
    const d = s.search(DATE);
    const k = s.indexOf(', & ');
    return k > 0 && k < d ? `${s.slice(0, k)}, and ${s.slice(k + 4)}` : null;
  }],
  ['citation-author', 'full-given-name', (s, it) => {
    const a = it.author && it.author[0];
    const m = firstAuthorEnd(s);
    if (!a || a.literal || !m || a['non-dropping-particle']) return null;
    const given = a.given.split(' ')[0];
    if (given.includes('-')) return null;
    return s.replace(m[2].trim().split(' ')[0], given);
  }],
  ['citation-author', 'missing-comma', (s, it) => {
    const a = it.author && it.author[0];
    const m = firstAuthorEnd(s);
    if (!a || a.literal || !m || a['non-dropping-particle']) return null;
    return `${m[1]} ${s.slice(m[1].length + 2)}`;
  }],
  ['citation-author', 'initial-no-period', (s, it) => {
    const a = it.author && it.author[0];
    const m = firstAuthorEnd(s);
    if (!a || a.literal || !m) return null;
    const ini = m[2].trim();
    return s.replace(`${m[1]}, ${ini}`, `${m[1]}, ${ini.replace(/\./g, '').replace(/ /g, '')}`);
  }],
  ['citation-author', 'no-ampersand', (s) => {
    const d = s.search(DATE);
    const k = s.indexOf(', & ');
    return k > 0 && k < d ? `${s.slice(0, k)}, ${s.slice(k + 4)}` : null;
  }],
  ['citation-author', 'initials-no-space', (s) => {
    const d = s.search(DATE);
    const m = s.slice(0, d).match(/([A-Z]\.) ([A-Z]\.)/);
    return m ? s.replace(m[0], `${m[1]}${m[2]}`) : null;
  }],
  ['citation-author', 'all-authors', (s, it) => {
    if (!it.author || it.author.length < 21) return null;
    const names = it.author.map((a) => `${a.family}, ${a.given.charAt(0)}.`);
    const list = `${names.slice(0, -1).join(', ')}, & ${names[names.length - 1]}`;
    return `${list}${s.slice(s.search(DATE))}`;
  }],
  ['citation-date', 'missing-date', (s) => s.match(DATE) ? s.replace(DATE, ' ') : null],
  ['citation-date', 'date-order', (s) => {
    const m = s.match(/ \((\d{4})\)\. /);
    return m ? s.replace(m[0], ` (${pick(['May 10, ', '10 May '])}${m[1]}). `) : null;
  }],
  ['citation-date', 'nd-no-periods', (s) => s.includes('(n.d.)') ? s.replace('(n.d.)', pick(['(n.d)', '(nd)', '(no date)'])) : null],
  ['citation-title', 'missing-title', (s, it) => {
    if (it.type !== 'article-journal' && it.type !== 'chapter') return null;
    const m = s.match(DATE);
    if (!m) return null;
    const after = s.slice(m.index + m[0].length);
    const cut = it.type === 'chapter' ? after.indexOf('. In ') : after.indexOf('. *');
    return cut > 0 ? s.slice(0, m.index + m[0].length) + after.slice(cut + 2) : null;
  }],
  ['citation-title', 'title-no-period', (s, it) => {
    if (it.type !== 'article-journal') return null;
    const m = s.match(DATE);
    if (!m) return null;
    const after = s.slice(m.index + m[0].length);
    const cut = after.indexOf('. *');
    return cut > 0 && !/[?!]$/.test(after.slice(0, cut)) ? s.slice(0, m.index + m[0].length) + after.slice(0, cut) + after.slice(cut + 1) : null;
  }],
  ['citation-title', 'title-quoted', (s, it) => {
    if (it.type !== 'article-journal') return null;
    const m = s.match(DATE);
    if (!m) return null;
    const start = m.index + m[0].length;
    const cut = s.indexOf('. *', start);
    return cut > 0 ? `${s.slice(0, start)}\u201c${s.slice(start, cut)}.\u201d${s.slice(cut + 1)}` : null;
  }],
  ['citation-case', 'title-case', (s, it) => {
    if (!it.title) return null;
    const t = it.title;
    const tc = titleCase(t);
    return tc && s.includes(t) ? s.replace(t, tc) : null;
  }],
  ['citation-source', 'page-hyphen', (s) => /\d\u2013\d/.test(s) ? s.replace(/(\d)\u2013(\d)/, '$1-$2') : null],
  ['citation-source', 'volume-not-italic', (s) => {
    const m = s.match(/\*, \*(\d+)\*/);
    return m ? s.replace(m[0], `*, ${m[1]}`) : null;
  }],
  ['citation-source', 'journal-not-italic', (s) => {
    const m = s.match(/\*([^*]+)\*, \*(\d+)\*/);
    return m ? s.replace(m[0], `${m[1]}, ${m[2]}`) : null;
  }],
  ['citation-source', 'issue-italic', (s) => {
    const m = s.match(/\*(\d+)\*\((\d+)\)/);
    return m ? s.replace(m[0], `*${m[1]}(${m[2]})*`) : null;
  }],
  ['citation-source', 'journal-pp', (s, it) => {
    if (it.type !== 'article-journal') return null;
    const m = s.match(/\), (\d+\u2013\d+)\./) || s.match(/\*, (\d+\u2013\d+)\./);
    return m ? s.replace(m[0], m[0].replace(m[1], `pp. ${m[1]}`)) : null;
  }],
  ['citation-source', 'no-publisher', (s, it) => {
    if (it.type !== 'book' || !it.publisher || !it.author || it.author[0].literal) return null;
    return s.includes(` ${it.publisher}.`) ? s.replace(` ${it.publisher}.`, '') : null;
  }],
  ['citation-source', 'editors-surname-first', (s, it) => {
    if (it.type !== 'chapter' || !it.editor) return null;
    const m = s.match(/ In ([^*]+?) \((Eds?)\.\), \*/);
    if (!m) return null;
    const names = it.editor.map((e) => `${e.family}, ${e.given.charAt(0)}.`);
    const list = names.length === 1 ? names[0] : names.length === 2 ? `${names[0]}, & ${names[1]}` : `${names.slice(0, -1).join(', ')}, & ${names[names.length - 1]}`;
    return s.replace(m[0], ` In ${list} (${m[2]}.), *`);
  }],
  ['citation-source', 'eds-count', (s) => {
    if (s.includes(' (Eds.), *')) return s.replace(' (Eds.), *', ' (Ed.), *');
    return s.includes(' (Ed.), *') ? s.replace(' (Ed.), *', ' (Eds.), *') : null;
  }],
  ['citation-source', 'in-colon', (s) => s.includes('. In ') ? s.replace('. In ', '. In: ') : null],
  ['citation-source', 'chapter-pages-hyphen', (s) => /pp\. \d+\u2013\d+/.test(s) ? s.replace(/(pp\. \d+)\u2013/, '$1-') : null],
  ['citation-source', 'edition-spelled', (s) => {
    const m = s.match(/\((\d+)(st|nd|rd|th) ed\.\)/);
    return m ? s.replace(m[0], `(${m[1]}${m[2]} edition)`) : null;
  }],
  ['citation-source', 'no-site-name', (s, it) => {
    if (it.type !== 'webpage' || !it.author || it.author[0].literal) return null;
    const k = s.indexOf(` ${it['container-title']}.`);
    return k > 0 ? s.slice(0, k) + s.slice(k + it['container-title'].length + 2) : null;
  }],
  ['citation-source', 'chapter-without-in', (s, it) => {
    if (it.type !== 'chapter' || it.editor) return null;
    return s.includes('. In *') && / \(pp\. /.test(s) ? s.replace('. In *', '. *') : null;
  }],
  ['citation-source', 'chapter-pages-without-pp', (s) => /[(,] pp\. \d/.test(s) || /\(pp\. \d/.test(s) ? s.replace(/pp\. (\d)/, '$1') : null],
  ['citation-source', 'editors-without-eds', (s) => / \(Eds?\.\), \*/.test(s) ? s.replace(/ \(Eds?\.\), \*/, ', *') : null],
  ['citation-title', 'book-title-not-italic', (s, it) => {
    if (it.type !== 'book' && it.type !== 'webpage' && it.type !== 'report') return null;
    const t = s.match(/\*[^*]+\*/g);
    return t && t.length === 1 ? s.replace(t[0], t[0].slice(1, -1)) : null;
  }],
  ['citation-date', 'date-after-title', (s, it) => {
    if (it.type !== 'article-journal' || !it.author || it.author[0].literal) return null;
    const m = s.match(DATE);
    if (!m) return null;
    const rest = s.slice(m.index + m[0].length);
    const cut = rest.indexOf('. *');
    return cut > 0 ? `${s.slice(0, m.index)} ${rest.slice(0, cut + 1)} (${m[1]}).${rest.slice(cut + 1)}` : null;
  }],
  ['citation-date', 'date-without-parentheses', (s) => s.match(DATE) ? s.replace(DATE, (x, d) => ` ${d}. `) : null],
  ['citation-date', 'day-before-month', (s) => {
    const m = s.match(/\((\d{4}), ([A-Z][a-z]+) (\d+)\)/);
    return m ? s.replace(m[0], `(${m[1]}, ${m[3]} ${m[2]})`) : null;
  }],
  ['citation-date', 'month-abbreviated', (s) => {
    const m = s.match(/\((\d{4}), ([A-Z][a-z]{3,})( \d+)?\)/);
    return m && m[2] !== 'June' && m[2] !== 'July' ? s.replace(m[0], `(${m[1]}, ${m[2].slice(0, 3)}.${m[3] || ''})`) : null;
  }],
  ['citation-punctuation', 'group-without-period', (s, it) => {
    const g = it.author && it.author[0].literal;
    return g && s.startsWith(`${g}. (`) ? s.replace(`${g}. (`, `${g} (`) : null;
  }],
  ['citation-identifier', 'bad-isbn', (s, it) => {
    if (!it.ISBN) return null;
    const last = Number(it.ISBN.slice(-1));
    const bad = `${it.ISBN.slice(0, 3)}-${it.ISBN.slice(3, 12)}-${(last + int(1, 9)) % 10}`;
    return `${s} ISBN ${bad}`;
  }],
  ['citation-identifier', 'bad-pmid', (s) => {
    const m = s.match(/pubmed\.ncbi\.nlm\.nih\.gov\/(\d+)\//);
    if (m) return s.replace(m[0], `pubmed.ncbi.nlm.nih.gov/${m[1]}${int(10, 99)}/`);
    return `${s} PMID: ${int(100000000, 999999999)}`;
  }],
  ['citation-identifier', 'bad-pmcid', (s) => `${s} PMCID: ${pick(['PMC', 'PMC12A45', 'PMID123', 'PMC0123'])}`],
];

// ---- output ---------------------------------------------------------------------------
const rows = [];
const esc = (s) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
const ids = Object.keys(items).sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]));

ids.forEach((id, k) => {
  rows.push(['apa-valid', variant(apa[id], k)]);
});
for (const [style, out] of others) {
  for (const id of ids) rows.push([`other-style:${style}`, out[id]]);
}
// Every mutation on every entry it applies to would swamp the corpus with
// the common ones: take each mutation on up to PER_MUTATION entries.
const PER_MUTATION = 30;
for (const [rule, name, fn] of MUTATIONS) {
  let n = 0;
  for (const id of ids) {
    if (n >= PER_MUTATION) break;
    const orig = apa[id];
    if (!chance(0.5)) continue;
    const m = fn(orig, items[id]);
    if (!m || m === orig) continue;
    // presentation variants keep the fault: apply them to mutants too
    rows.push([`mutant:${rule}`, variant(m, n + rows.length), name]);
    n++;
  }
}

const header = [
  '# Labelled APA 7 reference corpus, generated by gen.js: do not edit.',
  '# label<TAB>entry<TAB>mutation (entry escaped: \\\\ \\t \\n)',
  `# ${ids.length} CSL items; citeproc ${CSL.PROCESSOR_VERSION}`,
];
fs.writeFileSync(outFile, `${header.join('\n')}\n${rows.map((r) => r.map(esc).join('\t')).join('\n')}\n`);
const counts = {};
rows.forEach((r) => { const k = r[0].split(':')[0]; counts[k] = (counts[k] || 0) + 1; });
console.log(`wrote ${rows.length} cases to ${path.relative(process.cwd(), outFile)}:`, counts);

// ---- AMA 11 and NLM (Vancouver): ama.tsv and vancouver.tsv ------------------------------
// The same items rendered with american-medical-association-11.csl and
// nlm-citation-sequence.csl: each file holds its style's renderings
// (`<style>-valid`), the other styles' (`other-style:<style>`) and
// single-fault mutants of its own (`mutant:<rule>`). An AMA entry with its
// journal in roman and no other AMA mark is an NLM entry (other-style). Runs after the APA
// corpus and draws on the same seeded generator, so cases.tsv is unchanged.
// AMA 11 and Citing Medicine date every online source's visit: items
// with a URL and no DOI get an access date (the APA items are untouched).
const medItems = {};
for (const [id, it] of Object.entries(items)) {
  medItems[id] = it.URL && !it.DOI && !it.accessed ? { ...it, accessed: date([2024, 3, 5]) } : it;
}
const ama11 = render('american-medical-association-11', medItems);
const nlm = render('nlm-citation-sequence', medItems);
const ama10 = render('american-medical-association');
const harvard = others.find(([st]) => st === 'harvard-cite-them-right')[1];

// The first "Surname AB" of an entry, and every name before the title.
const NLM_NAME = /^([A-Z][A-Za-z'’-]+(?: [A-Za-z'’-]+)*) ([A-Z]{1,3})(?=[,.])/;
const MED_MUTATIONS = {
  both: [
    ['citation-author', 'initials-with-periods', (s) => {
      const m = s.match(NLM_NAME);
      return m && m[2].length === 2 ? s.replace(m[0], `${m[1]} ${m[2][0]}.${m[2][1]}.`) : null;
    }],
    ['citation-author', 'and-before-last', (s) => {
      const end = s.indexOf('. ');
      const head = s.slice(0, end);
      const k = head.lastIndexOf(', ');
      if (k < 0 || /et al$/.test(head) || !NLM_NAME.test(s)) return null;
      return `${head.slice(0, k)}, and ${head.slice(k + 2)}${s.slice(end)}`;
    }],
    ['citation-author', 'apa-names', (s) => {
      const m = s.match(NLM_NAME);
      return m ? s.replace(m[0], `${m[1]}, ${m[2].split('').join('. ')}.`) : null;
    }],
    ['citation-punctuation', 'locator-spaces', (s) => {
      const m = s.match(/(\d{4}(?: [A-Z][a-z]{2}(?: \d+)?)?);(\d+)(\(\d+\))?:/);
      return m ? s.replace(m[0], `${m[1]}; ${m[2]}${m[3] || ''}: `) : null;
    }],
    ['citation-punctuation', 'no-period-before-doi', (s) => (s.includes('. doi:') ? s.replace('. doi:', ' doi:') : null)],
    ['citation-title', 'quoted-title', (s) => {
      const a = s.indexOf('. ');
      const b = a >= 0 ? s.indexOf('. ', a + 2) : -1;
      return b > a + 2 && NLM_NAME.test(s) ? `${s.slice(0, a + 2)}“${s.slice(a + 2, b)}.”${s.slice(b + 1)}` : null;
    }],
    ['citation-doi', 'bad-doi', (s) => (s.includes('doi:10.') ? s.replace(/doi:10\.\d+\//, 'doi:10.12/') : null)],
  ],
  ama: [
    ['citation-doi', 'doi-with-space', (s) => (s.includes('doi:10.') ? s.replace('doi:10.', 'doi: 10.') : null)],
    ['citation-doi', 'doi-as-url', (s) => (s.includes('doi:10.') ? s.replace('doi:10.', 'https://doi.org/10.') : null)],
    ['citation-source', 'pages-elided', (s) => {
      const m = s.match(/:(\d{3,})-(\d{3,})\./);
      if (!m || m[1].length !== m[2].length || m[1][0] !== m[2][0]) return null;
      return s.replace(m[0], `:${m[1]}-${m[2].slice(1)}.`);
    }],
    ['citation-date', 'web-without-accessed', (s) => {
      const m = s.match(/Accessed [A-Z][a-z]+ \d+, \d{4}\. /);
      return m ? s.replace(m[0], '') : null;
    }],
    ['citation-date', 'accessed-day-first', (s) => {
      const m = s.match(/Accessed ([A-Z][a-z]+) (\d+), (\d{4})\./);
      return m ? s.replace(m[0], `Accessed ${m[2]} ${m[1]} ${m[3]}.`) : null;
    }],
  ],
  vancouver: [
    ['citation-date', 'web-without-cited', (s) => {
      const m = s.match(/ \[cited [^\]]+\]/);
      return m ? s.replace(m[0], '') : null;
    }],
    ['citation-source', 'web-without-internet', (s) => (s.includes(' [Internet]') ? s.replace(' [Internet]', '') : null)],
    ['citation-source', 'url-without-available-from', (s) => (s.includes('Available from: ') ? s.replace('Available from: ', '') : null)],
    ['citation-source', 'retrieved-from', (s) => (s.includes('Available from: ') ? s.replace('Available from: ', 'Retrieved from ') : null)],
  ],
};

function writeMedical(style, own, file) {
  const rows = [];
  ids.forEach((id) => rows.push([`${style}-valid`, own[id]]));
  const rivals = style === 'ama'
    ? [['apa', apa], ['vancouver', nlm], ['harvard', harvard]]
    : [['apa', apa], ['ama', ama11], ['ama10', ama10], ['harvard', harvard]];
  for (const [name, out] of rivals) for (const id of ids) rows.push([`other-style:${name}`, out[id]]);
  for (const [rule, name, fn] of [...MED_MUTATIONS.both, ...MED_MUTATIONS[style]]) {
    let n = 0;
    for (const id of ids) {
      if (n >= PER_MUTATION) break;
      if (!chance(0.5)) continue;
      const m = fn(own[id], items[id]);
      if (!m || m === own[id]) continue;
      rows.push([`mutant:${rule}`, m, name]);
      n++;
    }
  }
  const head = [
    `# Labelled ${style === 'ama' ? 'AMA 11' : 'NLM (Vancouver)'} reference corpus, generated by gen.js: do not edit.`,
    '# label<TAB>entry<TAB>mutation (entry escaped: \\\\ \\t \\n)',
    `# ${ids.length} CSL items; citeproc ${CSL.PROCESSOR_VERSION}`,
  ];
  fs.writeFileSync(file, `${head.join('\n')}\n${rows.map((r) => r.map(esc).join('\t')).join('\n')}\n`);
  console.log(`wrote ${rows.length} cases to ${path.relative(process.cwd(), file)}`);
}
writeMedical('ama', ama11, path.join(path.dirname(outFile), 'ama.tsv'));
writeMedical('vancouver', nlm, path.join(path.dirname(outFile), 'vancouver.tsv'));
