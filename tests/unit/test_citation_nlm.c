/* Unit tests for the kinds of NLM (Citing Medicine) fault read from real
 * reference lists (issue 27, tests/citations/medical/): each kind with
 * entries that have it and the same entries right. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cite_entry_check.h"

#define OK CITE_OK

/* The entry checked in an NLM list (cite_entry_check.h). */
static int nlm(int rule, const char *says, const char *entry)
{
	return cite_entry_check(ML_CITE_VANCOUVER, rule, says, entry);
}

#define PUNCT ML_RULE_CITATION_PUNCTUATION
#define SOURCE ML_RULE_CITATION_SOURCE
#define AUTHOR ML_RULE_CITATION_AUTHOR
#define DATE ML_RULE_CITATION_DATE
#define CASE ML_RULE_CITATION_CASE

/* "Lancet 2007;370" and "Resuscitation, 2011.": the year run into the
 * journal's name */
static void test_year_run_in(void **state)
{
	(void)state;
	assert_true(nlm(PUNCT, "before the year",
			"Annane D, Vignon P. Norepinephrine plus dobutamine "
			"versus epinephrine alone. Lancet 2007;370:676-84."));
	assert_true(nlm(PUNCT, "before the year",
			"Haber RJ. A practical approach to acid-base "
			"disorders. West J Med 1991; 155:146-51."));
	assert_true(nlm(PUNCT, "before the year",
			"Nagdev A, Stone MB. Resuscitation, 2011."));
	assert_true(nlm(OK, NULL,
			"Annane D, Vignon P. Norepinephrine plus dobutamine "
			"versus epinephrine alone. Lancet. 2007;370:676-84."));
	assert_true(nlm(OK, NULL,
			"Haber RJ. A practical approach to acid-base "
			"disorders in 2015. West J Med. 1991;155:146-51."));
}

/* "2355-2365": NLM keeps only the digits that change */
static void test_full_page_range(void **state)
{
	(void)state;
	assert_true(nlm(SOURCE, "2355-65",
			"Anderson C, Heeley E. Rapid blood-pressure lowering. "
			"N Engl J Med. 2013;368(25):2355-2365."));
	assert_true(nlm(SOURCE, "1198-205",
			"Anderson C. Rapid lowering. Stroke. "
			"2013;368(25):1198-1205."));
	assert_true(nlm(OK, NULL,
			"Anderson C, Heeley E. Rapid blood-pressure lowering. "
			"N Engl J Med. 2013;368(25):2355-65."));
	/* the number grows a digit: nothing to drop; a letter: kept */
	assert_true(nlm(OK, NULL,
			"Anderson C. Rapid lowering. Stroke. "
			"2013;368(25):98-104."));
	assert_true(nlm(OK, NULL,
			"Anderson C. Rapid lowering. Stroke. "
			"2013;368(25):165-75.e1."));
}

/* NLM's article titles are in sentence case; a lower-case word after a
 * colon is right there (unlike APA) */
static void test_title_case(void **state)
{
	(void)state;
	assert_true(nlm(CASE, "sentence case",
			"Panebianco NL, Jahnes K. Imaging and Laboratory "
			"Testing in Acute Abdominal Pain. Emerg Med Clin "
			"North Am. 2011;29:175-93."));
	assert_true(nlm(OK, NULL,
			"Vasu TS, Cavallazzi R. Norepinephrine or dopamine "
			"for septic shock: systematic review of randomized "
			"clinical trials. J Intensive Care Med. "
			"2012;27:172-8."));
	assert_true(nlm(OK, NULL,
			"Teasdale G, Jennett B. Assessment of coma and "
			"impaired consciousness. A practical scale. Lancet. "
			"1974;2(7872):81-4."));
}

/* "New England Journal of Medicine": NLM's abbreviation is N Engl J Med;
 * a one-word name stays whole */
static void test_journal_abbreviation(void **state)
{
	(void)state;
	assert_true(nlm(SOURCE, "abbreviates",
			"Coiffier B, Altman A. Guidelines for the management "
			"of tumor lysis syndrome. Journal of Clinical "
			"Oncology. 2008;26(16):2767-78."));
	assert_true(nlm(SOURCE, "abbreviates",
			"Pickup JC. Insulin-pump therapy for type 1 diabetes "
			"mellitus. New England Journal of Medicine, 2012, "
			"366(17), 1616-24."));
	assert_true(nlm(OK, NULL,
			"Coiffier B, Altman A. Guidelines for the management "
			"of tumor lysis syndrome. J Clin Oncol. "
			"2008;26(16):2767-78."));
	assert_true(nlm(OK, NULL,
			"Wax P, Erdman A. Beta-blocker ingestion. Clin "
			"Toxicol (Phila). 2005;43(3):131-46."));
	assert_true(nlm(OK, NULL,
			"Berry C, Ley E. Redefining hypotension in traumatic "
			"brain injury. Injury. 2012;43(11):1833-7."));
}

/* "BMJ. 2009 Aug 7;339.": a journal article with no pages */
static void test_no_pages(void **state)
{
	(void)state;
	assert_true(nlm(SOURCE, "no pages",
			"Mayer D. The injured ankle and foot. BMJ. 2009 Aug "
			"7;339."));
	assert_true(nlm(OK, NULL,
			"Mayer D. The injured ankle and foot. BMJ. 2009 Aug "
			"7;339:b2901."));
}

/* neither a journal article, a book nor a web page in NLM's form */
static void test_not_an_nlm_form(void **state)
{
	(void)state;
	assert_true(nlm(SOURCE, "not an NLM reference",
			"Wheeless\xE2\x80\x99 Textbook of Orthopaedics."));
	assert_true(nlm(SOURCE, "not an NLM reference",
			"Lammers RL, Smith ZE. Methods of wound closure. In: "
			"Roberts and Hedges\xE2\x80\x99 Clinical Procedures "
			"in Emergency Medicine, 6th Ed. Saunders. 2013. "
			"644-689."));
	assert_true(nlm(OK, NULL,
			"Tintinalli JE, editor. Emergency medicine: a "
			"comprehensive study guide. 7th ed. New York: "
			"McGraw-Hill; 2011."));
	assert_true(nlm(OK, NULL,
			"Cochrane Database Syst Rev [Internet]. [cited 2020 "
			"Mar 5]. Available from: https://example.org/cd"));
}

/* "eds." is AMA's; NLM writes "editors" */
static void test_editors_word(void **state)
{
	(void)state;
	assert_true(nlm(SOURCE, "editors",
			"Sharma R. Ophthalmology. In: Marx JA, Walls RM, eds. "
			"Rosen's emergency medicine. 8th ed. Philadelphia: "
			"Saunders; 2014. p. 909-30."));
	assert_true(nlm(OK, NULL,
			"Sharma R. Ophthalmology. In: Marx JA, Walls RM, "
			"editors. Rosen's emergency medicine. 8th ed. "
			"Philadelphia: Saunders; 2014. p. 909-30."));
}

/* "?." after a title; PubMed's closing parts end with a period */
static void test_closing_marks(void **state)
{
	(void)state;
	assert_true(nlm(PUNCT, "ends in '?'",
			"Nagdev A, Stone MB. Does this patient have cardiac "
			"tamponade?. Resuscitation. 2011;82(6):671-3."));
	assert_true(nlm(OK, NULL,
			"Nagdev A, Stone MB. Does this patient have cardiac "
			"tamponade? Resuscitation. 2011;82(6):671-3."));
	assert_true(nlm(PUNCT, "PubMed",
			"Weingart SD, Levitan RM. Preoxygenation and "
			"prevention of desaturation. Ann Emerg Med. 2012 "
			"Mar;59(3):165-75. doi: 10.1016/j.annemergmed.2011."
			"10.002. Epub 2011 Nov 3"));
	assert_true(nlm(OK, NULL,
			"Weingart SD, Levitan RM. Preoxygenation and "
			"prevention of desaturation. Ann Emerg Med. 2012 "
			"Mar;59(3):165-75. doi: 10.1016/j.annemergmed.2011."
			"10.002. Epub 2011 Nov 3."));
}

/* dates: the month before the year, a date cited with no month */
static void test_dates(void **state)
{
	(void)state;
	assert_true(nlm(DATE, "year before the month",
			"Rabbat A, Laaban JP. Hyperlactatemia during acute "
			"severe asthma. Intensive Care Med. Apr "
			"1998;24(4):304-12."));
	assert_true(nlm(OK, NULL,
			"Rabbat A, Laaban JP. Hyperlactatemia during acute "
			"severe asthma. Intensive Care Med. 1998 "
			"Apr;24(4):304-12."));
	assert_true(nlm(DATE, "full date",
			"Life in the Fast Lane [Internet]. [cited 2017]. "
			"Available from: https://example.org/tls"));
}

/* "3 (1): 21-4": spaces in a locator that was not read as a journal's */
static void test_locator_spaces(void **state)
{
	(void)state;
	assert_true(nlm(PUNCT, "no spaces",
			"Lee TH, Short LW. Patients with acute chest pain who "
			"leave. J Gen Intern Med. 3 (1): 21-4."));
}

/* names: no initials before et al, a comma between surname and
 * initials, lower-case initials, "B. et al", "and", and the title run on
 * after a comma */
static void test_author_forms(void **state)
{
	(void)state;
	assert_true(nlm(AUTHOR, "first 3",
			"Wells et al. Excluding pulmonary embolism at the "
			"bedside. Ann Intern Med. 2001;135(2):98-107."));
	assert_true(nlm(AUTHOR, "no comma",
			"Tayal, VS, Kline JA. Emergency echocardiography. "
			"Acad Emerg Med. 2004;11(9):939-45."));
	assert_true(nlm(AUTHOR, "capitals",
			"Howard Sc, Jones DP, Pui CH. The tumor lysis "
			"syndrome. N Engl J Med. 2011 May;364(19):1844-54."));
	assert_true(nlm(AUTHOR, "et al",
			"Bulloch B. et al. Validation of the Ottawa Knee Rule "
			"in children. Ann Emerg Med. 2003 Jul;42(1):48-55."));
	assert_true(nlm(AUTHOR, "'and'",
			"Lin M and Mahadevan S. Spine and spinal cord "
			"injuries. Ann Emerg Med. 2007;42(1):48-55."));
	assert_true(nlm(PUNCT, "list of authors",
			"Drayna PC, Estrada C, Arnold DH, Ketamine sedation is "
			"not associated with elevated intraocular pressure. "
			"Am J Emerg Med. 2012 Sep;30(7):1215-8."));
	assert_true(nlm(OK, NULL,
			"Taylor RA, Oliva I, Van tonder R, Moore CL. "
			"Point-of-care focused cardiac ultrasound. Acad Emerg "
			"Med. 2012;19(2):244-7."));
	assert_true(nlm(OK, NULL,
			"Gronseth GS, Paduga R; American Academy of "
			"Neurology. Steroids and antivirals for Bell palsy. "
			"Neurology. 2012;79(22):2209-13."));
}

/* "doi: 10.1001/jama.2009.1243." at the end: Citing Medicine puts no
 * period after a closing DOI or URL; before "Epub ..." the period
 * separates the parts */
static void test_closing_identifier(void **state)
{
	(void)state;
	assert_true(nlm(PUNCT, "no period after a DOI",
			"Coburn B, Morris AM, Tomlinson G, Detsky AS. Does "
			"this adult patient with suspected bacteremia require "
			"blood cultures? JAMA. 2012 Aug 1;308(5):502-11. "
			"doi: 10.1001/jama.2012.8262."));
	assert_true(nlm(PUNCT, "no period after a DOI",
			"Cockcroft DW, Gault MH. Prediction of creatinine "
			"clearance from serum creatinine. Nephron. "
			"1976;16(1):31-41. doi:10.1159/000180580."));
	assert_true(nlm(PUNCT, "no period after a DOI or URL",
			"National Library of Medicine. PubMed [Internet]. "
			"Bethesda (MD): National Library of Medicine; 1996 "
			"[cited 2020 Mar 5]. Available from: "
			"https://pubmed.ncbi.nlm.nih.gov/."));
	assert_true(nlm(OK, NULL,
			"Coburn B, Morris AM, Tomlinson G, Detsky AS. Does "
			"this adult patient with suspected bacteremia require "
			"blood cultures? JAMA. 2012 Aug 1;308(5):502-11. "
			"doi: 10.1001/jama.2012.8262"));
	assert_true(nlm(OK, NULL,
			"Gronseth GS, Paduga R. Evidence-based guideline "
			"update: steroids and antivirals for Bell palsy. "
			"Neurology. 2012 Nov 27;79(22):2209-13. doi: "
			"10.1212/WNL.0b013e318275978c. Epub 2012 Nov 7."));
	assert_true(nlm(OK, NULL,
			"National Library of Medicine. PubMed [Internet]. "
			"Bethesda (MD): National Library of Medicine; 1996 "
			"[cited 2020 Mar 5]. Available from: "
			"https://pubmed.ncbi.nlm.nih.gov/"));
}

/* "e1208-e1225": an electronic page range is elided like any other */
static void test_lettered_page_range(void **state)
{
	(void)state;
	assert_true(nlm(SOURCE, "e1208-25",
			"Anand KJ, Willson DF, Berger J. Tolerance and "
			"withdrawal from prolonged opioid use in critically "
			"ill children. Pediatrics. 2010;125(5):e1208-e1225."));
	assert_true(nlm(SOURCE, "e43-9",
			"Best KM, Asaro LA, Franck LS. Patterns of sedation "
			"weaning in critically ill children. Pediatr Crit Care "
			"Med. 2015;16(3):e43-e49."));
	assert_true(nlm(SOURCE, "e423-33",
			"McNally M, Curtain J, Fahey T. Validity of British "
			"Thoracic Society guidance (the CRB-65 rule). Br J Gen "
			"Pract. 2010;60(579):e423-433."));
	assert_true(nlm(OK, NULL,
			"Anand KJ, Willson DF, Berger J. Tolerance and "
			"withdrawal from prolonged opioid use in critically "
			"ill children. Pediatrics. 2010;125(5):e1208-25."));
	assert_true(nlm(OK, NULL,
			"National Kidney Foundation. K/DOQI clinical practice "
			"guidelines for chronic kidney disease. Am J Kidney "
			"Dis. 2002;39(2 Suppl 1):S1-266."));
}

/* "Philadelphia, PA:" where NLM writes "Philadelphia (PA):" */
static void test_place_state(void **state)
{
	(void)state;
	assert_true(nlm(SOURCE, "in parentheses",
			"Schrier RW. Diseases of the kidney and urinary "
			"tract. 8th ed. Philadelphia, PA: Lippincott Williams "
			"& Wilkins; 2007."));
	assert_true(nlm(SOURCE, "in parentheses",
			"Schreiber GT, Akkermans H. Knowledge engineering and "
			"management: the CommonKADS methodology. Cambridge, "
			"MA, USA: MIT Press; 2000."));
	assert_true(nlm(OK, NULL,
			"Schrier RW. Diseases of the kidney and urinary "
			"tract. 8th ed. Philadelphia (PA): Lippincott Williams "
			"& Wilkins; 2007."));
	assert_true(nlm(OK, NULL,
			"World Health Organization. The treatment of "
			"diarrhoea: a manual for physicians. 4th rev. Geneva: "
			"World Health Organization; 2005."));
}

/* the names, then the journal: no article title */
static void test_no_title(void **state)
{
	(void)state;
	assert_true(nlm(ML_RULE_CITATION_TITLE, "no title",
			"Justice AC, McGinnis KA, Skanderson M, et al. HIV "
			"Med. 2010;11(2):143-51."));
	assert_true(nlm(ML_RULE_CITATION_TITLE, "no title",
			"Little P, Hobbs FD, Moore M. Br J Gen Pract. 2012 "
			"Nov;62(604):e787-94."));
	assert_true(nlm(OK, NULL,
			"Justice AC, McGinnis KA, Skanderson M, et al. "
			"Towards a combined prognostic index for survival in "
			"HIV infection. HIV Med. 2010;11(2):143-51."));
	assert_true(nlm(OK, NULL,
			"Adrogue HJ, Madias NE. Hypernatremia. N Engl J Med. "
			"2000;342(20):1493-9."));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_year_run_in),
		cmocka_unit_test(test_full_page_range),
		cmocka_unit_test(test_title_case),
		cmocka_unit_test(test_journal_abbreviation),
		cmocka_unit_test(test_no_pages),
		cmocka_unit_test(test_not_an_nlm_form),
		cmocka_unit_test(test_editors_word),
		cmocka_unit_test(test_closing_marks),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_locator_spaces),
		cmocka_unit_test(test_author_forms),
		cmocka_unit_test(test_closing_identifier),
		cmocka_unit_test(test_lettered_page_range),
		cmocka_unit_test(test_place_state),
		cmocka_unit_test(test_no_title),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
