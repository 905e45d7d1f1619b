using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Rasdl.FileSystem;

/// <summary>
/// The two libc calls the base library does not offer on Linux: open(2) with O_NONBLOCK (a FIFO
/// opens at once instead of waiting for a writer) and statx(2) (a file's type, device and inode:
/// .NET reports a FIFO, a device and a socket all as a "Normal" file). Elsewhere every call
/// returns null and callers fall back to what the base library can tell.
/// </summary>
internal static class UnixFileStatus
{
    // Linux uapi values, the same on x86-64 and arm64 (asm-generic/fcntl.h, linux/stat.h).
    private const int ORdOnly = 0, ONoCtty = 0x100, ONonBlock = 0x800, OCloExec = 0x80000;
    private const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1, StatxNlink = 0x4, StatxUid = 0x8, StatxGid = 0x10, StatxIno = 0x100;
    private const uint Wanted = StatxType | StatxNlink | StatxUid | StatxGid | StatxIno;
    private const int StatxSize = 256, LinksOffset = 16, UidOffset = 20, GidOffset = 24, ModeOffset = 28, InodeOffset = 32, DevMajorOffset = 136, DevMinorOffset = 140;

    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>The status of the file a path names (following links unless told not to); null when it cannot be had.</summary>
    public static FileStatus? Of(string path, bool followLinks = true) =>
        Call(buffer => statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, Wanted, buffer));

    /// <summary>The status of an open file.</summary>
    public static FileStatus? Of(SafeFileHandle handle)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            return Call(buffer => statx(fd, "", AtEmptyPath, Wanted, buffer));
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Opens a file for reading without ever waiting (no blocking on a FIFO, never the controlling terminal); null where open(2) is not available.</summary>
    public static SafeFileHandle? OpenForReading(string path)
    {
        if (_unavailable)
        {
            return null;
        }

        int fd;
        try
        {
            fd = open(path, ORdOnly | ONonBlock | ONoCtty | OCloExec, 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return null;
        }

        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot open the file: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }

        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Gives a file (never a link's target) an owner and group; false where that is not allowed or not available.</summary>
    public static bool SetOwner(string path, uint owner, uint group)
    {
        if (_unavailable)
        {
            return false;
        }

        try
        {
            return lchown(path, owner, group) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static FileStatus? Call(Func<byte[], int> call)
    {
        if (_unavailable)
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        try
        {
            if (call(buffer) != 0)
            {
                return new FileStatus(FileKind.Missing, default);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return null;
        }

        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset));
        var identity = new FileIdentity(
            ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(DevMajorOffset)) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(DevMinorOffset)),
            BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(InodeOffset)));
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.Fifo,
            0x2000 or 0x6000 => FileKind.Device,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
        return new FileStatus(kind, identity)
        {
            Links = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(LinksOffset)),
            Owner = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(UidOffset)),
            Group = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(GidOffset)),
        };
    }

#pragma warning disable SA1300, IDE1006 // libc's own names
    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int lchown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
#pragma warning restore SA1300, IDE1006
}

/// <summary>What kind of thing a path names.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    Device,
    Socket,
    Other,
}

/// <summary>A file's identity however it is reached (through links, `..`, hard links): its device and inode.</summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode);

/// <summary>A file's kind and identity, its number of hard links, owner and group.</summary>
public readonly record struct FileStatus(FileKind Kind, FileIdentity Identity)
{
    public uint Links { get; init; }

    public uint Owner { get; init; }

    public uint Group { get; init; }
}
