using System.Text.Json;
using MtlSharing.Torch.Modules;

namespace MtlSharing.Torch.Tests.Optim;

/// <summary>Compares three optimizer steps with values recorded from PyTorch 1.13 by Fixtures/record_optim.py.</summary>
public sealed class PyTorchFixtureTests
{
    private static readonly Lazy<JsonDocument> Fixture = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Optim", "Fixtures", "optim_steps.json"))));

    public static TheoryData<string> Runs => ["sgd", "adam_amsgrad", "adamw"];

    [Theory]
    [MemberData(nameof(Runs))]
    public void Steps_match_pytorch(string run)
    {
        using var scope = NewDisposeScope();
        var problem = Fixture.Value.RootElement.GetProperty("problem");
        using var w = new Parameter(tensor(Floats(problem.GetProperty("w")), new long[] { 2, 2 }));
        using var b = new Parameter(tensor(Floats(problem.GetProperty("b"))));
        var x = tensor(Floats(problem.GetProperty("x")));
        var y = tensor(Floats(problem.GetProperty("y")));
        var c = tensor(Floats(problem.GetProperty("c")));
        var d = tensor(Floats(problem.GetProperty("d")));
        using var optimizer = Make(run, w, b);

        var steps = Fixture.Value.RootElement.GetProperty("runs").GetProperty(run).EnumerateArray().ToList();
        steps.Should().HaveCount(3);
        for (var s = 0; s < steps.Count; s++)
        {
            optimizer.zero_grad();
            using (var stepScope = NewDisposeScope())
            {
                var loss = (w.matmul(x) - y).square().sum() + (0.5 * (c * (b - d).square()).sum());
                loss.backward();
            }

            optimizer.step();
            Compare(w, steps[s].GetProperty("w"), $"w after step {s + 1} of {run}");
            Compare(b, steps[s].GetProperty("b"), $"b after step {s + 1} of {run}");
        }
    }

    private static optim.Optimizer Make(string run, Parameter w, Parameter b) => run switch
    {
        "sgd" => optim.SGD([new ParamGroup([w]), new ParamGroup([b], lr: 0.05)], lr: 0.1, momentum: 0.9, nesterov: true, weight_decay: 0.01),
        "adam_amsgrad" => optim.Adam([w, b], lr: 0.3, beta1: 0.9, beta2: 0.5, amsgrad: true, weight_decay: 0.01),
        "adamw" => optim.AdamW([w, b], lr: 0.05, weight_decay: 0.1),
        _ => throw new ArgumentOutOfRangeException(nameof(run), run, "unknown run"),
    };

    private static float[] Floats(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array && element.EnumerateArray().First().ValueKind == JsonValueKind.Array
            ? element.EnumerateArray().SelectMany(Floats).ToArray()
            : element.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

    private static void Compare(Tensor parameter, JsonElement expected, string what)
    {
        var actual = parameter.ToArray<float>().Select(v => (double)v).ToArray();
        var recorded = expected.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        actual.Should().Equal(recorded, (a, e) => Math.Abs(a - e) <= 1e-6, what);
    }
}
