#ifndef CHASHINSTRUCTIONS_H
#define CHASHINSTRUCTIONS_H

#include <stddef.h>
#include <stdint.h>

/// Whether this processor has the SHA extensions (and the SSSE3 and SSE4.1 they are used with): x86-64 only, asked
/// of `cpuid` once. Zero elsewhere, and under valgrind, which hides them.
int checkout_hash_instructions_available(void);

/// FIPS 180-4 SHA-1 compression of `blocks` 64-byte blocks at `data` into `state` (five words), with the SHA
/// extensions. Call only when `checkout_hash_instructions_available()`.
void checkout_sha1_blocks(uint32_t state[5], const uint8_t *data, size_t blocks);

/// FIPS 180-4 SHA-256 compression of `blocks` 64-byte blocks at `data` into `state` (eight words), with the SHA
/// extensions. Call only when `checkout_hash_instructions_available()`.
void checkout_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
