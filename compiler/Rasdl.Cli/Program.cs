using System.Text;
using Rasdl.Cli;

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
