using System.Diagnostics;
using System.Globalization;
using EngineSpeed;
using TorchSharp;
using static TorchSharp.torch;

// Trains the small CNN of SmallCnn.cs with TorchSharp on random data and prints one JSON line, in the
// same format as benchmarks/torch_side/train_small_cnn.py, so benchmarks/engine_vs_pytorch.sh can
// compare them. This measures the engine MtlSharing runs on (TorchSharp and the libtorch of its
// TorchSharp-cpu package), not MtlSharing itself.
//   EngineSpeed [--steps N] [--warmup N] [--threads N] [--batch N]
//   EngineSpeed --op-overhead [--calls N]
var options = Options.Parse(args);
set_num_threads(options.Threads);

if (options.OpOverhead)
{
    using var a = zeros([1]);
    using var b = ones([1]);
    for (var i = 0; i < 10_000; i++)
    {
        a.add_(b);
    }

    var clock = Stopwatch.StartNew();
    for (var i = 0; i < options.Calls; i++)
    {
        a.add_(b);
    }

    var microseconds = clock.Elapsed.TotalMicroseconds / options.Calls;
    Console.WriteLine(FormattableString.Invariant($"{{\"framework\":\"torchsharp\",\"us_per_op\":{microseconds:F3},\"calls\":{options.Calls}}}"));
    return;
}

manual_seed(0);
using var model = SmallCnn.Create();
model.train();
using var optimizer = optim.SGD(model.parameters(), 0.01, momentum: 0.9);
var inputs = Enumerable.Range(0, 8).Select(_ => randn([options.Batch, 1, 28, 28])).ToArray();
var targets = Enumerable.Range(0, 8).Select(_ => randint(0, 10, [options.Batch])).ToArray();

double Step(int i)
{
    using var scope = NewDisposeScope();
    optimizer.zero_grad();
    var loss = nn.functional.cross_entropy(model.call(inputs[i % 8]), targets[i % 8]);
    loss.backward();
    optimizer.step();
    return loss.ToSingle();
}

for (var i = 0; i < options.Warmup; i++)
{
    Step(i);
}

var watch = Stopwatch.StartNew();
var last = 0.0;
for (var i = 0; i < options.Steps; i++)
{
    last = Step(i);
}

var seconds = watch.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"framework\":\"torchsharp\",\"steps_per_second\":{options.Steps / seconds:F3},\"ms_per_step\":{1000 * seconds / options.Steps:F3},\"threads\":{get_num_threads()},\"final_loss\":{last:F5}}}"));

foreach (var t in inputs.Concat(targets))
{
    t.Dispose();
}

internal sealed record Options(int Steps, int Warmup, int Threads, int Batch, bool OpOverhead, int Calls)
{
    public static Options Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new Options(
            Value("--steps", 50),
            Value("--warmup", 5),
            Value("--threads", Environment.ProcessorCount),
            Value("--batch", 128),
            args.Contains("--op-overhead"),
            Value("--calls", 100_000));
    }
}
