using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Bench.Live;

/// <summary>
/// When an answer reached a socket, as the kernel noted it (Linux SO_TIMESTAMPNS): what a waiter on its own machine
/// would see, whatever this process's ten thousand other waiters keep its threads busy with. Peeks one byte with
/// recvmsg and reads the timestamp the kernel puts beside it; nothing is consumed.
/// </summary>
internal static unsafe class ArrivalClock
{
    private const int SolSocket = 1, SoTimestampNs = 35, MsgPeek = 2;

    public static bool Supported => OperatingSystem.IsLinux();

    public static void Enable(Socket socket)
    {
        if (Supported) socket.SetRawSocketOption(SolSocket, SoTimestampNs, BitConverter.GetBytes(1));
    }

    /// <summary>The arrival of the first unread bytes (UTC), or null when the kernel gave no timestamp.</summary>
    public static DateTime? Peek(Socket socket)
    {
        if (!Supported) return null;
        byte one;
        var control = stackalloc byte[128];
        var iov = new IoVec { Base = &one, Length = 1 };
        var message = new MessageHeader { Iov = &iov, IovLength = 1, Control = control, ControlLength = 128 };
        if (RecvMsg((int)socket.Handle, &message, MsgPeek) < 1) return null;
        // struct cmsghdr { size_t cmsg_len; int cmsg_level; int cmsg_type; } then struct timespec { long tv_sec; long tv_nsec; }.
        for (var at = 0; at + 32 <= (int)message.ControlLength;)
        {
            var length = (int)*(nuint*)(control + at);
            if (length < 16) break;
            if (*(int*)(control + at + 8) == SolSocket && *(int*)(control + at + 12) == SoTimestampNs)
                return DateTime.UnixEpoch.AddTicks(*(long*)(control + at + 16) * TimeSpan.TicksPerSecond + *(long*)(control + at + 24) / 100);
            at += (length + 7) & ~7;
        }
        return null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public byte* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [DllImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static extern nint RecvMsg(int socket, MessageHeader* message, int flags);
}
