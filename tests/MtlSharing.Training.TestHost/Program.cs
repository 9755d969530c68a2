using MtlSharing.Training.Checkpoints;
using MtlSharing.Training.TestHost;

// Child process of the trainer tests.
//   train <directory> <max steps> [resume]   the resume scenario: train (or resume from last.pt) up to a step count, write last.pt, exit
//   checkpoint-loop <directory>              the big scenario: resume from last.pt if present, then write last.pt after every step until killed
if (args is ["train", var directory, var steps, .. var rest])
{
    using var model = TinyScenario.Model();
    using var trainer = TinyScenario.ResumeTrainer(model, directory, long.Parse(steps, System.Globalization.CultureInfo.InvariantCulture));
    if (rest is ["resume"])
    {
        trainer.Resume(Path.Combine(directory, CheckpointFiles.LastFileName));
    }

    var result = trainer.Train();
    Console.WriteLine($"stopped at global step {result.GlobalStep}");
    return 0;
}

if (args is ["checkpoint-loop", var loopDirectory])
{
    using var model = BigScenario.Model();
    using var trainer = BigScenario.Trainer(model, loopDirectory, Console.Out);
    var last = Path.Combine(loopDirectory, CheckpointFiles.LastFileName);
    if (File.Exists(last))
    {
        trainer.Resume(last);
        Console.WriteLine($"resumed {trainer.GlobalStep}");
    }

    trainer.Train();
    return 0;
}

Console.Error.WriteLine("usage: train <directory> <max steps> [resume] | checkpoint-loop <directory>");
return 2;
