// SHA-1 and SHA-256 compression with the x86 SHA extensions (issue 18): an order's ~14 UUIDs and a priced cart's
// ledger digest were ~23.7k of ~235k instructions a cart in SSE2 lanes; these instructions do a block in 128 (SHA-1)
// and 164 (SHA-256). Swift cannot name the intrinsics, hence this file. Each function is compiled for the extensions
// alone (`target`), so the rest of the program stays baseline x86-64 and is chosen only after `cpuid` says yes.
// The schedule and round structure follow Intel's "New Instructions Supporting the Secure Hash Algorithm on Intel
// Architecture Processors" (2013).

#include "CHashInstructions.h"

#if defined(__x86_64__)

#include <cpuid.h>
#include <immintrin.h>

int checkout_hash_instructions_available(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int ssse3 = (c >> 9) & 1, sse41 = (c >> 19) & 1;
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, a, b, c, d);
    int sha = (b >> 29) & 1;
    return ssse3 && sse41 && sha;
}

#define TARGET __attribute__((target("sha,sse4.1,ssse3")))

// Message group `i` (words 4i..4i+3) from the four before it: FIPS 180-4 §6.1.2 step 1.
#define SHA1_NEXT(g0, g1, g2, g3) _mm_sha1msg2_epu32(_mm_xor_si128(_mm_sha1msg1_epu32(g0, g1), g2), g3)

TARGET void checkout_sha1_blocks(uint32_t state[5], const uint8_t *data, size_t blocks) {
    const __m128i big_endian = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
    __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)state), 0x1B);
    __m128i e0 = _mm_set_epi32((int)state[4], 0, 0, 0);
    for (; blocks > 0; blocks--, data += 64) {
        const __m128i abcd_before = abcd, e_before = e0;
        __m128i g[20];
        for (int i = 0; i < 4; i++) {
            g[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), big_endian);
        }
        for (int i = 4; i < 20; i++) g[i] = SHA1_NEXT(g[i - 4], g[i - 3], g[i - 2], g[i - 1]);
        // Four rounds at a time; `sha1nexte` makes the next four rounds' `e` from the `a` four rounds back.
        __m128i previous = abcd;
        __m128i e = _mm_add_epi32(e0, g[0]);
        abcd = _mm_sha1rnds4_epu32(abcd, e, 0);
#define SHA1_ROUNDS(i, f)                              \
    e = _mm_sha1nexte_epu32(previous, g[i]);           \
    previous = abcd;                                   \
    abcd = _mm_sha1rnds4_epu32(abcd, e, f);
        SHA1_ROUNDS(1, 0) SHA1_ROUNDS(2, 0) SHA1_ROUNDS(3, 0) SHA1_ROUNDS(4, 0)
        SHA1_ROUNDS(5, 1) SHA1_ROUNDS(6, 1) SHA1_ROUNDS(7, 1) SHA1_ROUNDS(8, 1) SHA1_ROUNDS(9, 1)
        SHA1_ROUNDS(10, 2) SHA1_ROUNDS(11, 2) SHA1_ROUNDS(12, 2) SHA1_ROUNDS(13, 2) SHA1_ROUNDS(14, 2)
        SHA1_ROUNDS(15, 3) SHA1_ROUNDS(16, 3) SHA1_ROUNDS(17, 3) SHA1_ROUNDS(18, 3) SHA1_ROUNDS(19, 3)
#undef SHA1_ROUNDS
        e0 = _mm_sha1nexte_epu32(previous, e_before);
        abcd = _mm_add_epi32(abcd, abcd_before);
    }
    _mm_storeu_si128((__m128i *)state, _mm_shuffle_epi32(abcd, 0x1B));
    state[4] = (uint32_t)_mm_extract_epi32(e0, 3);
}


TARGET void checkout_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) {
    const __m128i big_endian = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    // The instructions keep the state as (a, b, e, f) and (c, d, g, h).
    __m128i dcba = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)state), 0xB1);
    __m128i hgfe = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(state + 4)), 0x1B);
    __m128i abef = _mm_alignr_epi8(dcba, hgfe, 8);
    __m128i cdgh = _mm_blend_epi16(hgfe, dcba, 0xF0);
    for (; blocks > 0; blocks--, data += 64) {
        const __m128i abef_before = abef, cdgh_before = cdgh;
        __m128i w[16];
#pragma clang loop unroll(full)
        for (int i = 0; i < 16; i++) {
            if (i < 4) {
                w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), big_endian);
            } else {
                // FIPS 180-4 §6.2.2 step 1, four words at a time.
                __m128i x = _mm_add_epi32(_mm_sha256msg1_epu32(w[i - 4], w[i - 3]), _mm_alignr_epi8(w[i - 1], w[i - 2], 4));
                w[i] = _mm_sha256msg2_epu32(x, w[i - 1]);
            }
            __m128i kw = _mm_add_epi32(w[i], _mm_load_si128((const __m128i *)(checkout_sha256_k + 4 * i)));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, kw);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(kw, 0x0E));
        }
        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
    }
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)state, _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)(state + 4), _mm_alignr_epi8(dchg, feba, 8));
}

#else

int checkout_hash_instructions_available(void) { return 0; }
void checkout_sha1_blocks(uint32_t state[5], const uint8_t *data, size_t blocks) { (void)state, (void)data, (void)blocks; }
void checkout_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks) { (void)state, (void)data, (void)blocks; }

#endif
