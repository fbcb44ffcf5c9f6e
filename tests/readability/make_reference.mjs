// tests/readability/make_reference.mjs - reference readability figures for
// the texts in texts/, from an independent implementation: the npm package
// text-readability 1.1.1 (a JavaScript port of Python's textstat) and its
// syllable counter, the npm package `syllable` 5.
//
// usage: npm install text-readability@1.1.1   (in any folder)
//        TEXT_READABILITY=/that/folder/node_modules/text-readability/main.js \
//        node tests/readability/make_reference.mjs > tests/readability/reference.tsv
//
// The figures use the package's own counts (lexiconCount, sentenceCount,
// syllableCount, polySyllableCount) with the published formulas, not its
// fleschKincaidGrade()/smogIndex() results: those round words per sentence
// and syllables per word to one decimal before the formula (a 0.05
// syllables-per-word rounding alone moves FK by 0.59 grade). The rounded
// results are kept in the last two columns for comparison. Quotation marks
// are taken out of the text first (see below); curly apostrophes become '.
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';

const mod = await import(process.env.TEXT_READABILITY || 'text-readability');
const rs = mod.default;
const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.join(here, 'texts');
const names = fs.readdirSync(dir).filter(n => n.endsWith('.md')).sort();
console.log(['file', 'words', 'sentences', 'syllables', 'polysyllables',
  'fkgl', 'smog', 'fre', 'pkg_fkgl', 'pkg_smog'].join('\t'));
for (const name of names) {
  // one paragraph per block of lines; the texts are plain prose
  const text = fs.readFileSync(path.join(dir, name), 'utf8')
    .split(/\n\s*\n/).map(p => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean).join('\n')
    // quotation marks out: the package's sentence pattern wants a capital
    // letter right after the space, so '... it." "It ...' would be one
    // sentence; its word and syllable counts drop them anyway
    .replace(/["\u201C\u201D\u2018\u2019]/g, (m) => m === '\u2019' ? "'" : '');
  const w = rs.lexiconCount(text), s = rs.sentenceCount(text);
  const syl = rs.syllableCount(text), poly = rs.polySyllableCount(text);
  const fk = 0.39 * w / s + 11.8 * syl / w - 15.59;
  const smog = 1.043 * Math.sqrt(poly * 30 / s) + 3.1291;
  const fre = 206.835 - 1.015 * w / s - 84.6 * syl / w;
  console.log([name, w, s, syl, poly, fk.toFixed(2), smog.toFixed(2),
    fre.toFixed(2), rs.fleschKincaidGrade(text), rs.smogIndex(text)].join('\t'));
}
