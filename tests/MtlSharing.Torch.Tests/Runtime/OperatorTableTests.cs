using System.Reflection;
using MtlSharing.Torch.Native;

namespace MtlSharing.Torch.Tests.Runtime;

public sealed class OperatorTableTests
{
    public static TheoryData<string> DeclaredOperators()
    {
        var data = new TheoryData<string>();
        foreach (var (owner, field) in OperatorFields())
        {
            data.Add($"{owner.FullName}.{field.Name}");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DeclaredOperators))]
    public void Every_declared_operator_exists_in_libtorch(string declaration)
    {
        var (_, field) = OperatorFields().Single(f => $"{f.Owner.FullName}.{f.Field.Name}" == declaration);
        var op = (AtenOp)field.GetValue(null)!;
        op.Handle.Should().NotBe(IntPtr.Zero);
        op.Schema.Should().StartWith(op.ToString().Split('.')[0]);
    }

    private static IEnumerable<(Type Owner, FieldInfo Field)> OperatorFields() =>
        typeof(torch).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly)
                .Where(f => f.FieldType == typeof(AtenOp))
                .Select(f => (t, f)));
}
