using System.Runtime.InteropServices;
using System.Text;
using Rasdl.Cli;
using Rasdl.Emit;

// Before the heap grows: a large description's compilation fills a couple of hundred megabytes of it.
Rasdl.Hosting.HugePages.AdviseHeap();

// Told to stop (SIGTERM, Ctrl-C): remove the temporary files of outputs still being written,
// then end as the signal would (the targets are whole: old or new).
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => AtomicFile.RemovePending());
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => AtomicFile.RemovePending());

// Standard output is buffered and flushed once at the end: Console.Out flushes every line, and
// a large description's report is tens of thousands of lines (one write system call each).
using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { AutoFlush = false };
try
{
    return RasdlCommandLine.Run(args, output, Console.Error);
}
finally
{
    output.Flush();
}
