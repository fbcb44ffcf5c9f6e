/* bench/peak.c - the peak memory and wall time of a command, as the
 * kernel counts them.
 *
 * A process's peak RSS (ru_maxrss) includes the image it replaced with
 * exec: a command started from Python is charged Python's own RSS (some
 * 14 MiB), so bench/run could not tell 5 MiB from 14. Started from this
 * small program instead, the command's figure is its own. With -n RUNS
 * it runs the command RUNS times and also gives the median wall time of
 * one run (fork to exit), so that a one-file figure of a few
 * milliseconds is not mostly the Python that starts it.
 *
 * usage: medlint_peak [-n RUNS] FILE CMD [ARG...]   (runs CMD, writes its
 * peak RSS in KiB to FILE, then with -n the median wall time of a run in
 * microseconds on a second line; exits with CMD's status, the first
 * failing one with -n)
 */
#define _DEFAULT_SOURCE /* wait4 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 1000

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One run of argv: its status, peak RSS in *kib and wall time in *us. */
static int run_once(char **argv, long *kib, double *us)
{
	struct rusage ru;
	int status;
	double t0 = now_us();
	pid_t pid = fork();

	if (pid < 0) {
		perror("medlint_peak: fork");
		return -1;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		perror("medlint_peak: exec");
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("medlint_peak: wait4");
		return -1;
	}
	*us = now_us() - t0;
	if (ru.ru_maxrss > *kib)
		*kib = ru.ru_maxrss;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	static double wall[MAX_RUNS];
	long kib = 0;
	int runs = 0, i, rc, first = 0;
	FILE *f;

	if (argc >= 3 && !strcmp(argv[1], "-n")) {
		runs = atoi(argv[2]);
		if (runs < 1 || runs > MAX_RUNS) {
			fprintf(stderr, "medlint_peak: -n takes 1 to %d\n",
				MAX_RUNS);
			return 2;
		}
		argv += 2;
		argc -= 2;
	}
	if (argc < 3) {
		fprintf(stderr,
			"usage: medlint_peak [-n RUNS] FILE CMD [ARG...]\n");
		return 2;
	}
	for (i = 0; i < (runs ? runs : 1); i++) {
		if ((rc = run_once(argv + 2, &kib, &wall[i])) < 0)
			return 2;
		if (i == 0)
			first = rc;
	}
	if (!(f = fopen(argv[1], "w")) || fprintf(f, "%ld\n", kib) < 0) {
		perror("medlint_peak: cannot write the figure");
		return 2;
	}
	if (runs) {
		qsort(wall, (size_t)runs, sizeof(wall[0]), cmp_double);
		if (fprintf(f, "%.0f\n",
			    runs % 2 ? wall[runs / 2]
				     : (wall[runs / 2 - 1] + wall[runs / 2]) /
					       2) < 0) {
			perror("medlint_peak: cannot write the figure");
			return 2;
		}
	}
	if (fclose(f) != 0) {
		perror("medlint_peak: cannot write the figure");
		return 2;
	}
	return first;
}
