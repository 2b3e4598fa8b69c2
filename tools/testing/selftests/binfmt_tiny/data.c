// SPDX-License-Identifier: GPL-2.0
/*
 * Initialized data in a tiny program (nolibc, plain mode).  The image
 * carries the initial bytes of .data; the start-up code of <arch>/crt.S
 * copies them to the memory after the image and relocates the pointers
 * among them, which are link-time addresses until then.  Reports, one
 * "key=value" line each:
 *
 *	base		the image base (entry - 8), in hex
 *	data		the address of the int, in hex: in .data, which is
 *			the first page after the image, the start of the
 *			header's bss
 *	int		an initialized int (42)
 *	array		an initialized array of longs (1,-2,3,-4)
 *	string		an initialized char array ("hello")
 *	ptr_int		through a pointer to the int (42)
 *	ptr_str		through a pointer to a string literal ("tiny")
 *	ptr_func	a call through a function pointer (42)
 *	ptr_table	an entry of a constant table of pointers ("two")
 *	written		the int after an increment through the pointer (43)
 *	bss		the sum of a zeroed 8 KiB array in .bss (0)
 *
 * Exit status: 42 if every value is as expected, else 1.
 */
#include <stdio.h>
#include <string.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static int twice(int x)
{
	return 2 * x;
}

/* Not static, so that the compiler cannot fold their initial values in */
int answer = 42;
long array[] = { 1, -2, 3, -4 };
char string[] = "hello";
int *ptr_int = &answer;
const char *ptr_str = "tiny";
int (*ptr_func)(int) = twice;
const char *const ptr_table[] = { "one", "two" };
unsigned char zeros[8192];

static int errors;

/* Print "key=value", and count a value that is not @want */
static void expect(const char *key, long val, long want)
{
	printf("%s=%ld\n", key, val);
	errors += val != want;
}

static void expect_str(const char *key, const char *val, const char *want)
{
	printf("%s=%s\n", key, val);
	errors += strcmp(val, want) != 0;
}

int main(void)
{
	static const long want_array[] = { 1, -2, 3, -4 };
	long sum = 0;
	size_t i;

	printf("base=0x%lx\n", (unsigned long)_start - 8);
	printf("data=0x%lx\n", (unsigned long)&answer);
	expect("int", answer, 42);
	printf("array=");
	for (i = 0; i < ARRAY_SIZE(array); i++) {
		printf("%s%ld", i ? "," : "", array[i]);
		errors += array[i] != want_array[i];
	}
	printf("\n");
	expect_str("string", string, "hello");
	/* unrelocated, the pointers hold small link-time addresses */
	expect("ptr_int", ptr_int == &answer ? *ptr_int : -1, 42);
	expect_str("ptr_str", ptr_str, "tiny");
	expect("ptr_func", ptr_func == twice ? ptr_func(21) : -1, 42);
	/* indexed at run time, so that the table stays in memory */
	expect_str("ptr_table", ptr_table[answer - 41], "two");
	(*ptr_int)++;
	expect("written", answer, 43);
	for (i = 0; i < sizeof(zeros); i++)
		sum += zeros[i];
	expect("bss", sum, 0);
	return errors ? 1 : 42;
}
