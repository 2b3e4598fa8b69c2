/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The binfmt_tiny executable format: an eight-byte header followed by the
 * program's code, mapped whole and entered right after the header.  The
 * format is specified in Documentation/userspace-api/binfmt_tiny.rst.
 */
#ifndef _UAPI_LINUX_BINFMT_TINY_H
#define _UAPI_LINUX_BINFMT_TINY_H

#include <linux/types.h>

/* The first four bytes of every tiny binary: 0x7f 'T' 'N' 'Y' */
#define TINY_MAGIC		"\177TNY"
#define TINY_MAGIC_LEN		4

/* Header flags */
#define TINY_F_FIXED		0x01	/* load at TINY_FIXED_BASE */
#define TINY_F_MAIN		0x02	/* enter as main(argc, argv, envp) */

/* The base address of a TINY_F_FIXED binary */
#define TINY_FIXED_BASE		0x10000UL
/* The header's bss field counts units of this many bytes */
#define TINY_BSS_UNIT		4096
/* The largest tiny binary, in bytes, header included */
#define TINY_MAX_SIZE		(16UL << 20)

/**
 * struct tiny_header - the first eight bytes of a tiny binary
 * @magic: TINY_MAGIC
 * @machine: ELF machine (EM_*) of the code, little endian
 * @flags: TINY_F_* bits; a kernel refuses bits it does not know
 * @bss: zero-filled memory after the image, in TINY_BSS_UNIT units
 */
struct tiny_header {
	__u8	magic[TINY_MAGIC_LEN];
	__le16	machine;
	__u8	flags;
	__u8	bss;
};

#endif /* _UAPI_LINUX_BINFMT_TINY_H */
