using QuickStart;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

// Trains a small CNN on generated images (QuadrantImages) and prints its falling loss.
manual_seed(0);
var random = new Random(0);
const int Steps = 150;

using var model = nn.Sequential(
    nn.Conv2d(1, 16, 3, padding: 1),
    nn.BatchNorm2d(16),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Conv2d(16, 32, 3, padding: 1),
    nn.BatchNorm2d(32),
    nn.ReLU(),
    nn.AdaptiveAvgPool2d(1),
    nn.Flatten(),
    nn.Linear(32, QuadrantImages.Classes));
using var optimizer = optim.Adam(model.parameters(), lr: 0.01);

AnsiConsole.MarkupLine($"[bold]MtlSharing quick start[/]: a small CNN on generated 16×16 images, {get_num_threads()} threads");
var table = new Table().AddColumns("step", "loss", "batch accuracy");
var losses = new List<double>();
AnsiConsole.Progress().Start(progress =>
{
    var task = progress.AddTask("training", maxValue: Steps);
    for (var step = 1; step <= Steps; step++)
    {
        using var scope = NewDisposeScope();
        var (images, labels) = QuadrantImages.Batch(64, random);
        optimizer.zero_grad();
        var logits = model.call(images);
        var loss = nn.functional.cross_entropy(logits, labels);
        loss.backward();
        optimizer.step();
        task.Increment(1);
        if (step == 1 || step % 15 == 0)
        {
            var accuracy = logits.argmax(1).eq(labels).to(float32).mean().ToSingle();
            losses.Add(loss.ToSingle());
            table.AddRow($"{step}", $"{losses[^1]:F4}", $"{accuracy:P0}");
        }
    }
});

AnsiConsole.Write(table);
AnsiConsole.MarkupLine(losses[^1] < losses[0]
    ? $"[green]loss fell from {losses[0]:F3} to {losses[^1]:F3}[/]"
    : $"[red]loss did not fall: {losses[0]:F3} → {losses[^1]:F3}[/]");
