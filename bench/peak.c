/* bench/peak.c - the peak memory of one command, as the kernel counts it.
 *
 * A process's peak RSS (ru_maxrss) includes the image it replaced with
 * exec: a command started from Python is charged Python's own RSS (some
 * 14 MiB), so bench/run could not tell 5 MiB from 14. Started from this
 * small program instead, the command's figure is its own.
 *
 * usage: medlint_peak FILE CMD [ARG...]   (runs CMD, writes its peak RSS
 * in KiB to FILE, exits with CMD's status)
 */
#define _DEFAULT_SOURCE /* wait4 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct rusage ru;
	int status;
	pid_t pid;
	FILE *f;

	if (argc < 3) {
		fprintf(stderr, "usage: medlint_peak FILE CMD [ARG...]\n");
		return 2;
	}
	if ((pid = fork()) < 0) {
		perror("medlint_peak: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror("medlint_peak: exec");
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("medlint_peak: wait4");
		return 2;
	}
	if (!(f = fopen(argv[1], "w")) ||
	    fprintf(f, "%ld\n", ru.ru_maxrss) < 0 || fclose(f) != 0) {
		perror("medlint_peak: cannot write the figure");
		return 2;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
