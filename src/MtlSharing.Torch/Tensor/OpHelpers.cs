using MtlSharing.Torch.Native;

namespace MtlSharing.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        private static Tensor Call(AtenOp op, Tensor self)
        {
            var call = new OpCall();
            call.Tensor(self);
            return call.InvokeTensor(op);
        }

        private static Tensor Call(AtenOp op, Tensor self, Tensor other)
        {
            ArgumentNullException.ThrowIfNull(other);
            var call = new OpCall();
            call.Tensor(self);
            call.Tensor(other);
            return call.InvokeTensor(op);
        }

        private static Tensor Call(AtenOp op, Tensor self, double scalar)
        {
            var call = new OpCall();
            call.Tensor(self);
            call.Double(scalar);
            return call.InvokeTensor(op);
        }

        private static Tensor Call(AtenOp op, Tensor self, long value)
        {
            var call = new OpCall();
            call.Tensor(self);
            call.Int(value);
            return call.InvokeTensor(op);
        }

        private Tensor InPlace(AtenOp op)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Invoke(op);
            return this;
        }

        private Tensor InPlace(AtenOp op, Tensor other)
        {
            ArgumentNullException.ThrowIfNull(other);
            var call = new OpCall();
            call.Tensor(this);
            call.Tensor(other);
            call.Invoke(op);
            return this;
        }

        private Tensor InPlace(AtenOp op, double scalar)
        {
            var call = new OpCall();
            call.Tensor(this);
            call.Double(scalar);
            call.Invoke(op);
            return this;
        }
    }
}
