namespace MtlSharing.Torch;

public static partial class torch
{
    public static partial class optim
    {
        public static partial class lr_scheduler
        {
            /// <summary>Decays the learning rate by gamma every step_size epochs.</summary>
            /// <param name="optimizer">The optimizer.</param>
            /// <param name="step_size">The number of epochs between decays; positive.</param>
            /// <param name="gamma">The decay factor; non-negative.</param>
            /// <param name="last_epoch">The index of the last epoch when resuming, or -1.</param>
            /// <returns>The scheduler.</returns>
            public static Modules.StepLR StepLR(Optimizer optimizer, int step_size, double gamma = 0.1, long last_epoch = -1) =>
                new(optimizer, step_size, gamma, last_epoch);

            /// <summary>Decays the learning rate by gamma at each milestone epoch.</summary>
            /// <param name="optimizer">The optimizer.</param>
            /// <param name="milestones">The epochs at which to decay.</param>
            /// <param name="gamma">The decay factor; non-negative.</param>
            /// <param name="last_epoch">The index of the last epoch when resuming, or -1.</param>
            /// <returns>The scheduler.</returns>
            public static Modules.MultiStepLR MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1, long last_epoch = -1) =>
                new(optimizer, milestones, gamma, last_epoch);

            /// <summary>Anneals the learning rate along a half cosine to eta_min over T_max epochs.</summary>
            /// <param name="optimizer">The optimizer.</param>
            /// <param name="T_max">The number of epochs of the half cosine; positive.</param>
            /// <param name="eta_min">The smallest learning rate; non-negative.</param>
            /// <param name="last_epoch">The index of the last epoch when resuming, or -1.</param>
            /// <returns>The scheduler.</returns>
            public static Modules.CosineAnnealingLR CosineAnnealingLR(Optimizer optimizer, int T_max, double eta_min = 0, long last_epoch = -1) =>
                new(optimizer, T_max, eta_min, last_epoch);

            /// <summary>Scales the learning rate linearly from start_factor to end_factor over total_iters epochs (a warmup).</summary>
            /// <param name="optimizer">The optimizer.</param>
            /// <param name="start_factor">The factor at epoch 0; in [0, 1].</param>
            /// <param name="end_factor">The factor from epoch total_iters on; in [0, 1].</param>
            /// <param name="total_iters">The number of epochs of the ramp; positive.</param>
            /// <param name="last_epoch">The index of the last epoch when resuming, or -1.</param>
            /// <returns>The scheduler.</returns>
            public static Modules.LinearLR LinearLR(Optimizer optimizer, double start_factor = 1.0 / 3, double end_factor = 1.0, int total_iters = 5, long last_epoch = -1) =>
                new(optimizer, start_factor, end_factor, total_iters, last_epoch);

            /// <summary>Runs schedulers one after another, switching at the milestones.</summary>
            /// <param name="optimizer">The optimizer; every scheduler must belong to it.</param>
            /// <param name="schedulers">The schedulers, in order.</param>
            /// <param name="milestones">The epochs at which the next scheduler takes over.</param>
            /// <param name="last_epoch">The index of the last epoch when resuming, or -1.</param>
            /// <returns>The scheduler.</returns>
            public static Modules.SequentialLR SequentialLR(Optimizer optimizer, IEnumerable<LRScheduler> schedulers, IEnumerable<int> milestones, long last_epoch = -1) =>
                new(optimizer, schedulers, milestones, last_epoch);
        }
    }
}
