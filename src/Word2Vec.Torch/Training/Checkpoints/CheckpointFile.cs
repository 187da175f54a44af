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
public static partial class CheckpointFile
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

    /// <summary>Reads a checkpoint, verifying its magic, checksum and sizes; the matrices go to <paramref name="device"/>.</summary>
    public static (Embeddings Model, CheckpointState State) Load(string path, Device device)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Cannot read checkpoint '{path}': {e.Message}", e);
        }
        if (bytes.Length < Magic.Length + 4 + 32 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"'{path}' is not a Word2Vec.Torch checkpoint (bad magic or too short).");
        var body = bytes.AsSpan(0, bytes.Length - 32);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
            throw new InvalidDataException($"Checkpoint '{path}' is corrupt: its checksum does not match its contents.");

        var headerLength = BitConverter.ToInt32(bytes, Magic.Length);
        var offset = Magic.Length + 4;
        CheckpointState state;
        try { state = JsonSerializer.Deserialize<CheckpointState>(bytes.AsSpan(offset, headerLength))!; }
        catch (JsonException e) { throw new InvalidDataException($"Checkpoint '{path}' has an unreadable header: {e.Message}", e); }
        offset += headerLength;

        var dtype = state.Dtype == "float64" ? ScalarType.Float64 : ScalarType.Float32;
        var elementSize = dtype == ScalarType.Float64 ? 8 : 4;
        var outsideRows = state.OutsideRows > 0 ? state.OutsideRows : state.VocabSize;
        var centerCount = checked(state.VocabSize * state.Dimension);
        var outsideCount = checked(outsideRows * state.Dimension);
        if (body.Length - offset != (centerCount + outsideCount) * elementSize)
            throw new InvalidDataException(
                $"Checkpoint '{path}' holds {body.Length - offset} bytes of parameters; [{state.VocabSize} x {state.Dimension}] and " +
                $"[{outsideRows} x {state.Dimension}] in {state.Dtype} need {(centerCount + outsideCount) * elementSize}.");

        using var scope = torch.NewDisposeScope();
        Tensor Read(int at, long rows)
        {
            var span = bytes.AsSpan(at, (int)(rows * state.Dimension * elementSize));
            var t = dtype == ScalarType.Float64
                ? torch.tensor(MemoryMarshal.Cast<byte, double>(span).ToArray(), new[] { rows, state.Dimension })
                : torch.tensor(MemoryMarshal.Cast<byte, float>(span).ToArray(), new[] { rows, state.Dimension });
            return t.to(device);
        }
        var center = Read(offset, state.VocabSize);
        var outside = Read(offset + (int)(centerCount * elementSize), outsideRows);
        return (new Embeddings(center, outside), state);
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

    [GeneratedRegex(@"^checkpoint-\d{10}\.w2vckpt$")]
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
