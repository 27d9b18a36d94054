namespace EvalWorkflow.Workflows.Content;

/// <summary>
/// A file to hand to the user that was written to a temporary file as it was built, so that a round of thousands of
/// units does not weigh on memory. Closing <see cref="Content"/> deletes the file.
/// </summary>
public sealed record StreamedFile(string FileName, string ContentType, Stream Content) : IDisposable
{
    /// <summary>An empty temporary file, deleted when the stream is closed.</summary>
    public static FileStream CreateTemporary() => new(
        Path.Combine(Path.GetTempPath(), $"evalworkflow-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
        bufferSize: 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    /// <summary>Builds into a temporary file with <paramref name="write"/> and rewinds it; the file goes if building fails.</summary>
    public static async Task<StreamedFile> WriteAsync(string fileName, string contentType, Func<Stream, Task> write)
    {
        var stream = CreateTemporary();
        try
        {
            await write(stream);
            await stream.FlushAsync();
            stream.Position = 0;
            return new StreamedFile(fileName, contentType, stream);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    public void Dispose() => Content.Dispose();
}
