using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text;
using TorchSharp;
using Word2Vec.Torch.Data;
using Word2Vec.Torch.Engines;
using static TorchSharp.torch;

namespace Word2Vec.Torch.Training.Checkpoints;

/// <summary>
/// Checkpoint files: "W2VCKPT1", a JSON header (<see cref="CheckpointState"/>), the centre and
/// outside matrices as raw little-endian elements, and a SHA-256 of all that.
/// </summary>
internal static partial class CheckpointFile
{
    private static readonly byte[] Magic = "W2VCKPT1"u8.ToArray();
    public const string FilePrefix = "checkpoint-";
    public const string FileSuffix = ".w2vckpt";

    public static string FileName(long step) => $"{FilePrefix}{step:D10}{FileSuffix}";

    /// <summary>Writes a checkpoint atomically (<see cref="AtomicFile"/>): a crash or a full disk never
    /// leaves a half-written one behind.</summary>
    public static void Save(string path, Embeddings embeddings, CheckpointState state) => AtomicFile.Write(path, stream =>
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            void Write(ReadOnlySpan<byte> bytes)
            {
                stream.Write(bytes);
                sha.AppendData(bytes);
            }

            Write(Magic);
            var header = JsonSerializer.SerializeToUtf8Bytes(state);
            Write(BitConverter.GetBytes(header.Length));
            Write(header);
            WriteMatrix(embeddings.CenterVectors, Write);
            WriteMatrix(embeddings.OutsideVectors, Write);
            stream.Write(sha.GetHashAndReset());
        });

    private delegate void ByteWriter(ReadOnlySpan<byte> bytes);

    /// <summary>The matrix's bytes straight from the tensor's memory (no copy on the CPU), up to 64 MB of rows at a time.</summary>
    private static void WriteMatrix(Tensor m, ByteWriter write)
    {
        using var scope = torch.NewDisposeScope();
        var cpu = m.detach().cpu().contiguous();
        if (cpu.dtype != ScalarType.Float64) cpu = cpu.to(ScalarType.Float32);
        var rowBytes = Math.Max(1, cpu.shape[1] * cpu.ElementSize);
        var rows = Math.Max(1, (64L << 20) / rowBytes);
        for (long r = 0; r < cpu.shape[0]; r += rows)
        {
            using var part = cpu.narrow(0, r, Math.Min(rows, cpu.shape[0] - r));
            write(part.bytes);
        }
    }

    /// <summary>Reads a checkpoint, verifying its magic, sizes and checksum; the matrices go to <paramref name="device"/>.
    /// The file is streamed (any size: a 2 GB checkpoint is not one array), hashed as it is read.</summary>
    public static (Embeddings Model, CheckpointState State) Load(string path, Device device) => Load(path, device, 64 << 20);

    /// <param name="chunkBytes">How much of a matrix is read at a time (small in tests, to cross chunk borders).</param>
    internal static (Embeddings Model, CheckpointState State) Load(string path, Device device, int chunkBytes)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20);
            return Read(stream, path, device, chunkBytes);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"Checkpoint '{path}' is corrupt: it ends early.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not corrupt: unreadable here (permissions, a read error). Left as it is, never set aside.
            throw new IOException($"Cannot read checkpoint '{path}': {e.Message} (the file was left as it is).", e);
        }
    }

    private static (Embeddings Model, CheckpointState State) Read(FileStream stream, string path, Device device, int chunkBytes)
    {
        const int hashBytes = 32;
        var length = stream.Length;
        var start = new byte[Magic.Length + 4];
        if (length < start.Length + hashBytes || stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) < start.Length
            || !start.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"'{path}' is not a Word2Vec.Torch checkpoint (bad magic or too short).");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(start);

        var headerLength = BitConverter.ToInt32(start, Magic.Length);
        if (headerLength <= 0 || headerLength > length - start.Length - hashBytes)
            throw new InvalidDataException($"Checkpoint '{path}' is corrupt: its header length {headerLength} does not fit its {length} bytes.");
        var header = new byte[headerLength];
        stream.ReadExactly(header);
        sha.AppendData(header);
        CheckpointState state;
        try { state = JsonSerializer.Deserialize<CheckpointState>(header) ?? throw new JsonException("the header is null"); }
        catch (JsonException e) { throw new InvalidDataException($"Checkpoint '{path}' is corrupt: its header is unreadable: {e.Message}", e); }

        var dtype = state.Dtype == "float64" ? ScalarType.Float64 : ScalarType.Float32;
        var elementSize = dtype == ScalarType.Float64 ? 8 : 4;
        var outsideRows = state.OutsideRows > 0 ? state.OutsideRows : state.VocabSize;
        var parameterBytes = length - start.Length - headerLength - hashBytes;
        long needed;
        try { needed = checked((state.VocabSize + outsideRows) * state.Dimension * elementSize); }
        catch (OverflowException) { needed = -1; }
        if (state.VocabSize < 1 || outsideRows < 1 || state.Dimension < 1 || needed != parameterBytes)
            throw new InvalidDataException(
                $"Checkpoint '{path}' is corrupt: it holds {parameterBytes} bytes of parameters; [{state.VocabSize} x {state.Dimension}] and " +
                $"[{outsideRows} x {state.Dimension}] in {state.Dtype} need {needed}.");

        using var scope = torch.NewDisposeScope();
        var buffer = new byte[(int)Math.Min(Math.Max(chunkBytes, elementSize * state.Dimension), parameterBytes)];
        Tensor ReadMatrix(long rows)
        {
            // Whole rows at a time: each chunk's elements become a tensor copied into its rows of the matrix.
            var rowBytes = state.Dimension * elementSize;
            var rowsAChunk = Math.Max(1, buffer.Length / rowBytes);
            var matrix = torch.empty(rows, state.Dimension, dtype: dtype);
            for (long r = 0; r < rows; r += rowsAChunk)
            {
                var n = Math.Min(rowsAChunk, rows - r);
                var span = buffer.AsSpan(0, (int)(n * rowBytes));
                stream.ReadExactly(span);
                sha.AppendData(span);
                using var part = dtype == ScalarType.Float64
                    ? torch.tensor(MemoryMarshal.Cast<byte, double>(span).ToArray(), new[] { n, state.Dimension })
                    : torch.tensor(MemoryMarshal.Cast<byte, float>(span).ToArray(), new[] { n, state.Dimension });
                using var rowsOfMatrix = matrix.narrow(0, r, n);
                rowsOfMatrix.copy_(part);
            }
            return matrix;
        }
        var center = ReadMatrix(state.VocabSize);
        var outside = ReadMatrix(outsideRows);
        var stored = new byte[hashBytes];
        stream.ReadExactly(stored);
        if (!sha.GetHashAndReset().AsSpan().SequenceEqual(stored))
            throw new InvalidDataException($"Checkpoint '{path}' is corrupt: its checksum does not match its contents.");
        var model = new Embeddings(center.to(device), outside.to(device));
        return (model, state);
    }

    /// <summary>The checkpoints in a folder, newest (highest step) first: only the names <see cref="FileName"/>
    /// makes (checkpoint-NNNNNNNNNN.w2vckpt), so a file a person put there never wins.</summary>
    public static IReadOnlyList<string> List(string dir)
    {
        if (!Directory.Exists(dir)) return Array.Empty<string>();
        return Directory.GetFiles(dir, FilePrefix + "*" + FileSuffix)
            .Where(f => OurName().IsMatch(Path.GetFileName(f)))
            .OrderByDescending(Path.GetFileName, StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"^checkpoint-[0-9]{10}\.w2vckpt$")]
    private static partial Regex OurName();

    /// <summary>Deletes all but the newest <paramref name="keep"/> checkpoints.</summary>
    public static void Prune(string dir, int keep)
    {
        foreach (var old in List(dir).Skip(Math.Max(1, keep))) File.Delete(old);
    }

    /// <summary>A short stable hash of a vocabulary (its words in order).</summary>
    public static string HashWords(IEnumerable<string> words)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var w in words)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(w));
            sha.AppendData("\n"u8);
        }
        return Convert.ToHexString(sha.GetHashAndReset())[..16];
    }
}
