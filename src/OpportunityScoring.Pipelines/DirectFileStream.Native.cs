using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OpportunityScoring.Pipelines;

/// <content>The two Linux calls direct I/O needs beyond .NET's own: <c>statx</c> (is it a regular file?) and <c>fcntl</c> (<c>O_DIRECT</c> on or off).</content>
public sealed partial class DirectFileStream
{
    private static class Native
    {
        private const int GetFlags = 3;       // F_GETFL
        private const int SetFlags = 4;       // F_SETFL
        private const int EmptyPath = 0x1000; // AT_EMPTY_PATH: statx of the descriptor itself
        private const uint TypeMask = 0x1;    // STATX_TYPE
        private const int ModeOffset = 0x1C;  // struct statx: stx_mode (u16), the same on every architecture
        private const int FileType = 0xF000;  // S_IFMT
        private const int RegularFile = 0x8000; // S_IFREG

        /// <summary>Whether the open file is a regular file (not a device, a pipe, a socket); <see langword="false"/> when that cannot be told.</summary>
        public static bool IsRegularFile(SafeFileHandle handle)
        {
            var status = new byte[256];
            try
            {
                return statx(handle, [0], EmptyPath, TypeMask, status) == 0
                    && (BitConverter.ToUInt16(status, ModeOffset) & FileType) == RegularFile;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return false; // a C library without statx: no direct I/O
            }
        }

        /// <summary>Turns <c>O_DIRECT</c> (<paramref name="flag"/>) on or off; <see langword="false"/> when the file system refuses (<c>EINVAL</c>) or the call is missing.</summary>
        public static bool SetDirect(SafeFileHandle handle, int flag, bool on)
        {
            try
            {
                var flags = fcntl(handle, GetFlags, 0);
                return flags != -1 && fcntl(handle, SetFlags, on ? flags | flag : flags & ~flag) == 0;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }

#pragma warning disable SYSLIB1054, CA5392 // DllImport keeps the library free of unsafe code; libc is found by its usual name
        [DllImport("libc", SetLastError = true)]
        private static extern int fcntl(SafeFileHandle fd, int command, int argument);

        [DllImport("libc", SetLastError = true)]
        private static extern int statx(SafeFileHandle directory, byte[] path, int flags, uint mask, byte[] status);
#pragma warning restore SYSLIB1054, CA5392
    }
}
