/* Test-only stand-in for bcryptprimitives.dll under Wine 8, which lacks ProcessPrng: Rust's
 * standard library asks it for random bytes at start-up. Real Windows 10 and 11 have it; this
 * file is never shipped (scripts/windows-test.sh puts it beside the exe in a scratch folder). */
#include <windows.h>

/* RtlGenRandom, exported by advapi32 as SystemFunction036. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
