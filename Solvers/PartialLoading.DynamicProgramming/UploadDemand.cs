namespace PartialLoading.DynamicProgramming;

/// <summary>
/// How hard a user's upload is, as a sort key: D/a first (the upload needs more than a's rate limit before
/// t = D·ln2/a, so a larger D/a needs a later slot), then a (with equal D/a, β = a·φ(D·ln2/(a·t)) grows with a), then the
/// input order so the sort is deterministic.
/// </summary>
internal readonly record struct UploadDemand(double DataPerSnr, double SnrBandwidthHz, int User) : IComparable<UploadDemand>
{
    public int CompareTo(UploadDemand other)
    {
        int byRatio = DataPerSnr.CompareTo(other.DataPerSnr);
        if (byRatio != 0)
        {
            return byRatio;
        }

        int bySnr = SnrBandwidthHz.CompareTo(other.SnrBandwidthHz);
        return bySnr != 0 ? bySnr : User.CompareTo(other.User);
    }
}
