using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace MtlSharing.Training.Serialization;

/// <summary>
/// Runs the subset of Python's pickle virtual machine that torch.save writes. Python objects map
/// to .NET ones: dict to <see cref="OrderedDictionary{TKey, TValue}"/>, list to
/// <see cref="List{T}"/>, tuple to object?[], int to long, float to double, str to string,
/// bytes to byte[], None to null. Globals become <see cref="PickleGlobal"/>; calls and storage
/// references go to the <see cref="IPickleHost"/>. Malformed input raises
/// <see cref="InvalidDataException"/>.
/// </summary>
/// <remarks>
/// Razorvine.Pickle, which PyBridge reads with, cannot serve here: it turns every dict into an
/// unordered <see cref="System.Collections.Hashtable"/> (a state dict's key order would be lost), and
/// it resolves Python globals such as <c>torch._utils._rebuild_tensor_v2</c> only through a
/// process-wide registry that PyBridge already fills with its own tensor builders (which refuse
/// views, offsets and top-level tensors). Replacing those entries would change PyBridge's
/// <c>load_py</c> for the whole process, so this small machine runs the opcodes itself.
/// </remarks>
internal sealed class PickleMachine
{
    private readonly byte[] data;
    private readonly IPickleHost host;
    private readonly List<object?> stack = [];
    private readonly Stack<int> marks = new();
    private readonly Dictionary<long, object?> memo = [];
    private int position;

    public PickleMachine(byte[] data, IPickleHost host)
    {
        this.data = data;
        this.host = host;
    }

    /// <summary>Runs the program up to STOP and returns the object it built.</summary>
    public object? Run()
    {
        while (true)
        {
            var offset = position;
            var opcode = (PickleOpcode)ReadBytes(1)[0];
            if (opcode == PickleOpcode.Stop)
            {
                return stack.Count == 1 ? stack[0] : throw Malformed($"STOP left {stack.Count} objects on the stack instead of one");
            }

            if (!Step(opcode))
            {
                throw Malformed($"unsupported pickle opcode 0x{(byte)opcode:x2} at byte {offset}");
            }
        }
    }

    private bool Step(PickleOpcode opcode)
    {
        switch (opcode)
        {
            case PickleOpcode.Proto: ReadBytes(1); break;
            case PickleOpcode.Frame: ReadBytes(8); break;
            case PickleOpcode.Mark: marks.Push(stack.Count); break;
            case PickleOpcode.Pop: Pop(); break;
            case PickleOpcode.None: Push(null); break;
            case PickleOpcode.NewTrue: Push(true); break;
            case PickleOpcode.NewFalse: Push(false); break;
            case PickleOpcode.BinInt: Push((long)BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4))); break;
            case PickleOpcode.BinInt1: Push((long)ReadBytes(1)[0]); break;
            case PickleOpcode.BinInt2: Push((long)BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2))); break;
            case PickleOpcode.Long1: Push(ReadLong(ReadBytes(1)[0])); break;
            case PickleOpcode.BinFloat: Push(BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8))); break;
            case PickleOpcode.ShortBinUnicode: Push(ReadString(ReadBytes(1)[0])); break;
            case PickleOpcode.BinUnicode: Push(ReadString(BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4)))); break;
            case PickleOpcode.BinUnicode8: Push(ReadString(BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8)))); break;
            case PickleOpcode.ShortBinBytes: Push(ReadBytes(ReadBytes(1)[0]).ToArray()); break;
            case PickleOpcode.BinBytes: Push(ReadBytes(Length(BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4)))).ToArray()); break;
            case PickleOpcode.EmptyTuple: Push(Array.Empty<object?>()); break;
            case PickleOpcode.Tuple1: Push(PopMany(1)); break;
            case PickleOpcode.Tuple2: Push(PopMany(2)); break;
            case PickleOpcode.Tuple3: Push(PopMany(3)); break;
            case PickleOpcode.Tuple: Push(PopToMark()); break;
            case PickleOpcode.EmptyList: Push(new List<object?>()); break;
            case PickleOpcode.List: Push(new List<object?>(PopToMark())); break;
            case PickleOpcode.Append: Append(); break;
            case PickleOpcode.Appends: Appends(); break;
            case PickleOpcode.EmptyDict: Push(new OrderedDictionary<object, object?>()); break;
            case PickleOpcode.Dict: Push(SetItems(new OrderedDictionary<object, object?>(), PopToMark())); break;
            case PickleOpcode.SetItem: SetItems(PopMany(2)); break;
            case PickleOpcode.SetItems: SetItems(PopToMark()); break;
            case PickleOpcode.BinPut: memo[ReadBytes(1)[0]] = Peek(); break;
            case PickleOpcode.LongBinPut: memo[BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4))] = Peek(); break;
            case PickleOpcode.Memoize: memo[memo.Count] = Peek(); break;
            case PickleOpcode.BinGet: Push(Recall(ReadBytes(1)[0])); break;
            case PickleOpcode.LongBinGet: Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4)))); break;
            case PickleOpcode.Global: Push(new PickleGlobal(ReadLine(), ReadLine())); break;
            case PickleOpcode.StackGlobal: StackGlobal(); break;
            case PickleOpcode.Reduce or PickleOpcode.NewObj: Reduce(); break;
            case PickleOpcode.Build: Pop(); Peek(); break;
            case PickleOpcode.BinPersId: Push(host.PersistentLoad(Pop())); break;
            default: return false;
        }

        return true;
    }

    private void Append()
    {
        var item = Pop();
        Peek<List<object?>>("APPEND").Add(item);
    }

    private void Appends()
    {
        var items = PopToMark();
        Peek<List<object?>>("APPENDS").AddRange(items);
    }

    private void SetItems(object?[] pairs) => SetItems(Peek<OrderedDictionary<object, object?>>("SETITEM(S)"), pairs);

    private OrderedDictionary<object, object?> SetItems(OrderedDictionary<object, object?> dict, object?[] pairs)
    {
        if (pairs.Length % 2 != 0)
        {
            throw Malformed("a dict was given a key without a value");
        }

        for (var i = 0; i < pairs.Length; i += 2)
        {
            dict[pairs[i] ?? throw Malformed("a dict key is None")] = pairs[i + 1];
        }

        return dict;
    }

    private void StackGlobal()
    {
        var name = Pop() as string;
        var module = Pop() as string;
        Push(new PickleGlobal(
            module ?? throw Malformed("STACK_GLOBAL expects a module name string"),
            name ?? throw Malformed("STACK_GLOBAL expects a qualified name string")));
    }

    private void Reduce()
    {
        var args = Pop() as object?[] ?? throw Malformed("a call's arguments are not a tuple");
        var callable = Pop() as PickleGlobal ?? throw Malformed("a call's target is not a Python global");
        Push(host.Call(callable, args));
    }

    private ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count > data.Length - position)
        {
            throw Malformed($"the pickle ends after {data.Length} bytes, in the middle of an instruction");
        }

        var span = data.AsSpan(position, count);
        position += count;
        return span;
    }

    private string ReadString(ulong length) => Encoding.UTF8.GetString(ReadBytes(Length(length)));

    private string ReadLine()
    {
        var end = Array.IndexOf(data, (byte)'\n', position);
        if (end < 0)
        {
            throw Malformed("a GLOBAL name is not terminated by a newline");
        }

        var line = Encoding.ASCII.GetString(data, position, end - position);
        position = end + 1;
        return line;
    }

    private long ReadLong(int byteCount)
    {
        var value = new BigInteger(ReadBytes(byteCount), isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : throw Malformed($"the integer {value} does not fit in 64 bits");
    }

    private int Length(ulong length) =>
        length <= (ulong)(data.Length - position) ? (int)length : throw Malformed($"a {length}-byte string runs past the end of the pickle");

    private object? Recall(long key) =>
        memo.TryGetValue(key, out var value) ? value : throw Malformed($"memo slot {key} is read before it is written");

    private void Push(object? value) => stack.Add(value);

    private object? Peek() => stack.Count > 0 ? stack[^1] : throw Malformed("the stack is empty");

    private T Peek<T>(string instruction)
        where T : class =>
        Peek() as T ?? throw Malformed($"{instruction} applies to a {Describe(Peek())}, not a {typeof(T).Name}");

    private object? Pop()
    {
        var value = Peek();
        stack.RemoveAt(stack.Count - 1);
        return value;
    }

    private object?[] PopMany(int count)
    {
        if (stack.Count < count)
        {
            throw Malformed($"an instruction needs {count} objects but the stack holds {stack.Count}");
        }

        var items = stack.GetRange(stack.Count - count, count).ToArray();
        stack.RemoveRange(stack.Count - count, count);
        return items;
    }

    private object?[] PopToMark()
    {
        if (marks.Count == 0)
        {
            throw Malformed("an instruction needs a MARK but none is set");
        }

        var start = marks.Pop();
        if (start > stack.Count)
        {
            throw Malformed("a MARK points past the top of the stack");
        }

        return PopMany(stack.Count - start);
    }

    private static string Describe(object? value) => value?.GetType().Name ?? "None";

    private InvalidDataException Malformed(string reason) => new($"malformed pickle: {reason}");
}
