using System.Diagnostics;
using System.Globalization;
using MtlSharing.Training.Checkpoints;
using MtlSharing.Training.TestHost;
using MtlSharing.Training.Tests.Trainer;

namespace MtlSharing.Training.Tests.Checkpoints;

[Collection(TrainerCollection.Name)]
public sealed class KillDuringWriteTests
{
    private const int Rounds = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A child process trains the big scenario and writes a 25 MB last.pt after every step. Each
    /// round waits until the child has written one checkpoint and has started writing the next
    /// (its temporary file exists), waits a random few milliseconds more, and kills it with SIGKILL.
    /// The killed write leaves its temporary file behind, never a partial last.pt: the next child
    /// resumes from last.pt, and at the end the test resumes a trainer from it too.
    /// </summary>
    [Fact]
    public void A_process_killed_with_SIGKILL_while_writing_a_checkpoint_leaves_the_previous_one_loadable()
    {
        using var directory = new TempDirectory();
        var random = new Random(20240601);
        var interrupted = 0;
        long lastSaved = 0;
        for (var round = 0; round < Rounds; round++)
        {
            using var child = TestHostProcess.Start("checkpoint-loop", directory.Path);
            var lines = new List<string>();
            ReadUntilSaved(child, lines);
            WaitForTemporaryFile(directory, child);
            Thread.Sleep(random.Next(0, 20));
            child.Kill();
            child.WaitForExit();
            lines.AddRange(child.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries));

            if (round > 0)
            {
                // The kill can land after the rename of the write in progress but before the child
                // printed "saved", so the resumed step is the last reported one or the next.
                lines[0].Should().StartWith("resumed ");
                var resumed = long.Parse(lines[0]["resumed ".Length..], CultureInfo.InvariantCulture);
                resumed.Should().BeInRange(lastSaved, lastSaved + 1, "the child resumes from the last checkpoint completed before the previous kill");
            }

            lastSaved = lines.Where(l => l.StartsWith("saved ", StringComparison.Ordinal)).Max(l => long.Parse(l["saved ".Length..], CultureInfo.InvariantCulture));
            var temporaries = Directory.GetFiles(directory.Path, ".last.pt.*.tmp");
            interrupted += temporaries.Length > 0 ? 1 : 0;
            foreach (var temporary in temporaries)
            {
                File.Delete(temporary);
            }

            directory.FileNames().Should().Contain(CheckpointFiles.LastFileName);
        }

        interrupted.Should().BeGreaterThan(0, "at least one kill should have landed while a checkpoint was being written");
        using var model = BigScenario.Model();
        using var trainer = BigScenario.Trainer(model, directory.Path, TextWriter.Null);
        trainer.Resume(directory.Last);
        trainer.GlobalStep.Should().BeInRange(lastSaved, lastSaved + 1, "the last write may have completed just before the kill");
    }

    private static void ReadUntilSaved(Process child, List<string> lines)
    {
        var watch = Stopwatch.StartNew();
        while (lines.Count == 0 || !lines[^1].StartsWith("saved ", StringComparison.Ordinal))
        {
            var line = child.StandardOutput.ReadLine();
            if (line is null || watch.Elapsed > Patience)
            {
                throw new InvalidOperationException($"the child wrote no checkpoint; it said: {string.Join(" | ", lines)} {child.StandardError.ReadToEnd()}");
            }

            lines.Add(line);
        }
    }

    private static void WaitForTemporaryFile(TempDirectory directory, Process child)
    {
        var watch = Stopwatch.StartNew();
        while (Directory.GetFiles(directory.Path, ".last.pt.*.tmp").Length == 0)
        {
            if (child.HasExited || watch.Elapsed > Patience)
            {
                throw new InvalidOperationException("the child did not start writing another checkpoint");
            }

            Thread.Sleep(1);
        }
    }
}
