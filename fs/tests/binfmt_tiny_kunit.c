// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the header validation and layout of binfmt_tiny.
 * Included by fs/binfmt_tiny.c, so that the static functions are in scope.
 */
#include <kunit/test.h>

/* A valid plain-mode header for the running kernel, in a 128-byte buffer. */
static void tiny_good_header(u8 *buf)
{
	struct tiny_header *hdr = (struct tiny_header *)buf;

	memset(buf, 0, BINPRM_BUF_SIZE);
	memcpy(hdr->magic, TINY_MAGIC, sizeof(hdr->magic));
	hdr->machine = cpu_to_le16(ELF_ARCH);
}

static int tiny_parse_buf(const u8 *buf, loff_t size, struct tiny_layout *l)
{
	return tiny_parse((const struct tiny_header *)buf, size, ELF_ARCH, l);
}

static void tiny_smallest_binary_test(struct kunit *test)
{
	struct tiny_layout l;
	u8 buf[BINPRM_BUF_SIZE];

	tiny_good_header(buf);
	KUNIT_ASSERT_EQ(test, tiny_parse_buf(buf, 9, &l), 0);
	KUNIT_EXPECT_EQ(test, l.file_size, 9);
	KUNIT_EXPECT_EQ(test, l.image_len, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, l.bss_len, 0);
	KUNIT_EXPECT_EQ(test, l.total_len, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, l.flags, 0);
}

static void tiny_no_code_test(struct kunit *test)
{
	struct tiny_layout l;
	u8 buf[BINPRM_BUF_SIZE];
	loff_t size;

	tiny_good_header(buf);
	for (size = 0; size <= sizeof(struct tiny_header); size++)
		KUNIT_EXPECT_EQ_MSG(test, tiny_parse_buf(buf, size, &l),
				    -ENOEXEC, "size %lld", size);
}

static void tiny_magic_test(struct kunit *test)
{
	struct tiny_layout l;
	u8 buf[BINPRM_BUF_SIZE];
	int i;

	for (i = 0; i < 4; i++) {
		tiny_good_header(buf);
		buf[i] ^= 0x20;
		KUNIT_EXPECT_EQ_MSG(test, tiny_parse_buf(buf, 64, &l),
				    -ENOEXEC, "magic byte %d", i);
	}

	tiny_good_header(buf);
	memcpy(buf, ELFMAG, SELFMAG);
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, 64, &l), -ENOEXEC);

	memset(buf, 0, sizeof(buf));
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, 64, &l), -ENOEXEC);
}

static void tiny_machine_test(struct kunit *test)
{
	struct tiny_header *hdr;
	struct tiny_layout l;
	u8 buf[BINPRM_BUF_SIZE];

	tiny_good_header(buf);
	hdr = (struct tiny_header *)buf;

	hdr->machine = cpu_to_le16(ELF_ARCH + 1);
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, 64, &l), -ENOEXEC);
	hdr->machine = cpu_to_le16(EM_NONE);
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, 64, &l), -ENOEXEC);
	/* The field is little endian on every host. */
	hdr->machine = cpu_to_le16(ELF_ARCH);
	KUNIT_EXPECT_EQ(test, buf[4], ELF_ARCH & 0xff);
	KUNIT_EXPECT_EQ(test, buf[5], ELF_ARCH >> 8);
	buf[4] = ELF_ARCH >> 8;
	buf[5] = ELF_ARCH & 0xff;
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, 64, &l), -ENOEXEC);
	KUNIT_EXPECT_EQ(test, tiny_parse((struct tiny_header *)buf, 64,
					 swab16(ELF_ARCH), &l), 0);
}

static void tiny_flags_test(struct kunit *test)
{
	struct tiny_header *hdr;
	struct tiny_layout l;
	u8 buf[BINPRM_BUF_SIZE];
	int bit;

	tiny_good_header(buf);
	hdr = (struct tiny_header *)buf;

	for (bit = 0; bit < 8; bit++) {
		u8 flag = BIT(bit);
		int want = flag & TINY_SUPPORTED_FLAGS ? 0 : -ENOEXEC;

		hdr->flags = flag;
		KUNIT_EXPECT_EQ_MSG(test, tiny_parse_buf(buf, 64, &l), want,
				    "flag %#x", flag);
		if (!want)
			KUNIT_EXPECT_EQ(test, l.flags, flag);
	}

	KUNIT_EXPECT_TRUE(test, TINY_SUPPORTED_FLAGS & TINY_F_FIXED);
	if (IS_ENABLED(CONFIG_X86_64) && !IS_ENABLED(CONFIG_UML))
		KUNIT_EXPECT_TRUE(test, TINY_SUPPORTED_FLAGS & TINY_F_MAIN);

	hdr->flags = TINY_SUPPORTED_FLAGS;
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, 64, &l), 0);
	hdr->flags = TINY_SUPPORTED_FLAGS | 0x80;
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, 64, &l), -ENOEXEC);
}

static void tiny_size_limit_test(struct kunit *test)
{
	struct tiny_layout l;
	u8 buf[BINPRM_BUF_SIZE];

	tiny_good_header(buf);
	KUNIT_ASSERT_EQ(test, tiny_parse_buf(buf, TINY_MAX_SIZE, &l), 0);
	KUNIT_EXPECT_EQ(test, l.image_len, TINY_MAX_SIZE);
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, TINY_MAX_SIZE + 1, &l),
			-ENOEXEC);
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, LLONG_MAX, &l), -ENOEXEC);
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, -1, &l), -ENOEXEC);

	KUNIT_ASSERT_EQ(test, tiny_parse_buf(buf, PAGE_SIZE, &l), 0);
	KUNIT_EXPECT_EQ(test, l.image_len, PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, tiny_parse_buf(buf, PAGE_SIZE + 1, &l), 0);
	KUNIT_EXPECT_EQ(test, l.image_len, 2 * PAGE_SIZE);
}

static void tiny_bss_test(struct kunit *test)
{
	struct tiny_header *hdr;
	struct tiny_layout l;
	u8 buf[BINPRM_BUF_SIZE];

	tiny_good_header(buf);
	hdr = (struct tiny_header *)buf;

	hdr->bss = 1;
	KUNIT_ASSERT_EQ(test, tiny_parse_buf(buf, 100, &l), 0);
	KUNIT_EXPECT_EQ(test, l.bss_len, PAGE_ALIGN(SZ_4K));
	KUNIT_EXPECT_EQ(test, l.total_len, PAGE_SIZE + PAGE_ALIGN(SZ_4K));

	hdr->bss = 255;
	KUNIT_ASSERT_EQ(test, tiny_parse_buf(buf, PAGE_SIZE + 1, &l), 0);
	KUNIT_EXPECT_EQ(test, l.bss_len, PAGE_ALIGN(255 * SZ_4K));
	KUNIT_EXPECT_GE(test, l.bss_len, 255 * SZ_4K);
	KUNIT_EXPECT_EQ(test, l.total_len, 2 * PAGE_SIZE + l.bss_len);
	KUNIT_EXPECT_EQ(test, l.bss_len % PAGE_SIZE, 0);
}

/* The largest fixed-address binary fits below any task size. */
static void tiny_fixed_layout_test(struct kunit *test)
{
	struct tiny_header *hdr;
	struct tiny_layout l;
	u8 buf[BINPRM_BUF_SIZE];

	tiny_good_header(buf);
	hdr = (struct tiny_header *)buf;
	hdr->flags = TINY_F_FIXED;
	hdr->bss = 255;

	KUNIT_ASSERT_EQ(test, tiny_parse_buf(buf, TINY_MAX_SIZE, &l), 0);
	KUNIT_EXPECT_EQ(test, TINY_FIXED_BASE % PAGE_SIZE, 0);
	KUNIT_EXPECT_LT(test, TINY_FIXED_BASE + l.total_len, SZ_32M);
}

static void tiny_exit_stub_test(struct kunit *test)
{
	if (!(TINY_SUPPORTED_FLAGS & TINY_F_MAIN))
		kunit_skip(test, "no TINY_F_MAIN on this architecture");

	KUNIT_EXPECT_LE(test, sizeof(tiny_exit_stub), PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, tiny_stub_pages[0]);
	KUNIT_EXPECT_NULL(test, tiny_stub_pages[1]);
	KUNIT_EXPECT_MEMEQ(test, page_address(tiny_stub_pages[0]),
			   tiny_exit_stub, sizeof(tiny_exit_stub));
}

static struct kunit_case binfmt_tiny_test_cases[] = {
	KUNIT_CASE(tiny_smallest_binary_test),
	KUNIT_CASE(tiny_no_code_test),
	KUNIT_CASE(tiny_magic_test),
	KUNIT_CASE(tiny_machine_test),
	KUNIT_CASE(tiny_flags_test),
	KUNIT_CASE(tiny_size_limit_test),
	KUNIT_CASE(tiny_bss_test),
	KUNIT_CASE(tiny_fixed_layout_test),
	KUNIT_CASE(tiny_exit_stub_test),
	{}
};

static struct kunit_suite binfmt_tiny_test_suite = {
	.name = "binfmt_tiny",
	.test_cases = binfmt_tiny_test_cases,
};

kunit_test_suite(binfmt_tiny_test_suite);
