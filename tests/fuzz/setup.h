/* setup.h - what the fuzz targets that lint share: medlint's default
 * article schema, loaded once, and a run over the sample content. */
#ifndef ML_FUZZ_SETUP_H
#define ML_FUZZ_SETUP_H

#include <stdio.h>
#include <stdlib.h>

#include "core/profile.h"
#include "pipeline/pipeline.h"

/* schemas/article.schema.yaml, loaded on the first call; aborts when it
 * does not load (the fuzzer would test nothing). */
static inline const ml_profile *fuzz_default_profile(void)
{
	static ml_profile *profile;
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);

	if (profile)
		return profile;
	if (ml_profile_load(ML_SOURCE_DIR "/schemas/article.schema.yaml",
			    &profile, &err)) {
		fprintf(stderr, "fuzz: %s\n", ml_buf_cstr(&err));
		abort();
	}
	ml_buf_dispose(&err);
	return profile;
}

/* One worker, the sample content/ as the root, internal links only and
 * a fixed today, so that a crash replays the same. */
static inline void fuzz_run_init(ml_run *run, const ml_profile *profile)
{
	run->profile = profile;
	run->jobs = 1;
	run->opts.content_root = ML_SOURCE_DIR "/content";
	run->opts.today_y = 2026;
	run->opts.today_m = 6;
	run->opts.today_d = 1;
	run->opts.links = ML_LINKS_INTERNAL;
}

#endif
