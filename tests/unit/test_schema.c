/* Unit tests for the JSON Schema validator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

int main(void)
{
	return 0;
}
