namespace Word2Vec.Torch.Training;

/// <summary>The learning rate at each step, from the options: the assignment's step annealing or word2vec.c's linear decay.</summary>
public sealed class LearningRateSchedule
{
    private readonly ScheduleOptions _o;

    public LearningRateSchedule(ScheduleOptions options) { _o = options; }

    /// <summary>
    /// step (1-based): lr₀ · factor^⌊(step − 1) / annealEvery⌋ — sgd.py halves the step after every
    /// 20,000th iteration, so iterations 1..20000 use 0.3 and 20001..40000 use 0.15.
    /// linear: lr₀ · max(minLearningRate, 1 − progress), progress = words done before the step / words planned
    /// (word2vec.c), for SST steps done before it / training.steps.
    /// </summary>
    public double At(long step, double progress)
    {
        return _o.Type switch
        {
            ScheduleKind.Step => _o.LearningRate * Math.Pow(_o.AnnealFactor, (step - 1) / _o.AnnealEvery),
            ScheduleKind.Linear => _o.LearningRate * Math.Max(_o.MinLearningRate, 1.0 - Math.Clamp(progress, 0, 1)),
            _ => throw new ArgumentOutOfRangeException(nameof(_o.Type), _o.Type, "unknown schedule"),
        };
    }
}
