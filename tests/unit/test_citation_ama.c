/* Unit tests for the kinds of AMA 11 fault read from real reference lists
 * (issue 27, tests/citations/medical/ama.tsv): each kind with entries
 * that have it and the same entries right. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cite_entry_check.h"

#define OK CITE_OK

/* The entry checked in an AMA 11 list (cite_entry_check.h). */
static int ama(int rule, const char *says, const char *entry)
{
	return cite_entry_check(ML_CITE_AMA11, rule, says, entry);
}

#define SOURCE ML_RULE_CITATION_SOURCE
#define AUTHOR ML_RULE_CITATION_AUTHOR

/* AMA 11 gives a book's or a report's publisher with no place */
static void test_no_place(void **state)
{
	(void)state;
	assert_true(ama(SOURCE, "no place",
			"World Health Organization. *Guidance for using "
			"modelling for immunization decision-making*. Geneva: "
			"World Health Organization; 2025."));
	assert_true(ama(OK, NULL,
			"World Health Organization. *Guidance for using "
			"modelling for immunization decision-making*. World "
			"Health Organization; 2025."));
}

/* "Title. *Journal*. 2025. doi:": no authors, and nothing after the
 * year */
static void test_no_authors_no_locator(void **state)
{
	(void)state;
	assert_true(ama(AUTHOR, "no authors",
			"New life into pertussis prevention. *Nat Microbiol*. "
			"2025. doi:10.1038/s41564-025-02169-3"));
	assert_true(ama(SOURCE, "no volume",
			"da Silva Antunes R, Sette A. New life into pertussis "
			"prevention. *Nat Microbiol*. 2025. "
			"doi:10.1038/s41564-025-02169-3"));
	assert_true(
		ama(SOURCE, "no volume",
		    "da Silva Antunes R, Sette A. Outer membrane vesicles of "
		    "*Bordetella pertussis*. *PubMed*. 2025. "
		    "doi:10.1038/s41564-025-02169-3"));
	assert_true(ama(OK, NULL,
			"da Silva Antunes R, Sette A. New life into pertussis "
			"prevention. *Nat Microbiol*. 2025;10:3045-3046. "
			"doi:10.1038/s41564-025-02169-3"));
	assert_true(
		ama(OK, NULL,
		    "Li K, Xie Y, Wu J, et al. Global patterns of pertussis "
		    "incidence. *npj Vaccines*. Published online May 9, "
		    "2026. doi:10.1038/s41541-026-01479-9"));
}

/* A group's report it published itself online, as citeproc-js renders
 * AMA 11 with no publisher: the group is the author, the italic the
 * title (not a journal with no volume) */
static void test_group_report_online(void **state)
{
	(void)state;
	assert_true(ama(OK, NULL,
			"American College of Sports Medicine. *Hamstring "
			"Injury: Guidelines for Clinicians*. 2015. Accessed "
			"March 5, 2024. https://www.example.org/reports/3889"));
	/* a journal with no volume is still one */
	assert_true(ama(SOURCE, "no volume",
			"Smith AB, Jones CD. Hamstring injury in sprinters. "
			"*Br J Sports Med*. 2015. doi:10.1136/bjsm.2015.1"));
	assert_true(ama(AUTHOR, "no authors",
			"Hamstring injury in sprinters. *Br J Sports Med*. "
			"2015. doi:10.1136/bjsm.2015.1"));
}

/* a volume and no pages */
static void test_no_pages(void **state)
{
	(void)state;
	assert_true(
		ama(SOURCE, "no pages",
		    "Akhmetzhanov AR, de Padua B, Dushoff J. Serial interval "
		    "in pertussis outbreak. *Emerg Infect Dis*. "
		    "2026;32(5). doi:10.3201/eid3205.251304"));
	assert_true(
		ama(OK, NULL,
		    "Akhmetzhanov AR, de Padua B, Dushoff J. Serial interval "
		    "in pertussis outbreak. *Emerg Infect Dis*. "
		    "2026;32(5):809-811. doi:10.3201/eid3205.251304"));
}

/* AMA 11 (3.11.3) abbreviates a journal's name as the NLM Catalog does;
 * a one-word name stays whole */
static void test_journal_abbreviated(void **state)
{
	(void)state;
	assert_true(ama(SOURCE, "AMA 11 abbreviates the journal's name",
			"Meibohm B, Beierle I, Derendorf H. How important are "
			"gender differences in pharmacokinetics? *Clinical "
			"Pharmacokinetics*. 2002;41(5):329-342. "
			"doi:10.2165/00003088-200241050-00002"));
	assert_true(ama(OK, NULL,
			"Meibohm B, Beierle I, Derendorf H. How important are "
			"gender differences in pharmacokinetics? *Clin "
			"Pharmacokinet*. 2002;41(5):329-342. "
			"doi:10.2165/00003088-200241050-00002"));
	assert_true(ama(OK, NULL,
			"Moher D, Liberati A, Tetzlaff J, Altman DG. Preferred "
			"reporting items for systematic reviews. *BMJ*. "
			"2009;339:b2535. doi:10.1136/bmj.b2535"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_place),
		cmocka_unit_test(test_no_authors_no_locator),
		cmocka_unit_test(test_no_pages),
		cmocka_unit_test(test_group_report_online),
		cmocka_unit_test(test_journal_abbreviated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
