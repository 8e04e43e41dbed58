using Iom.Domain.Performance;

namespace Iom.Domain.Tests.Performance;

public sealed class HistogramTests
{
    private static Histogram Of(params int[] values)
    {
        var histogram = new Histogram();
        foreach (var value in values)
        {
            histogram.Add(value);
        }

        return histogram;
    }

    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_value() => Of(10, 3, 5).Median().ShouldBe(5m);

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_two_middle_values() => Of(10, 1, 5, 3).Median().ShouldBe(4m);

    [Theory]
    [InlineData(new[] { 1, 2, 3 }, 3)]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 9)]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, 10)]
    [InlineData(new[] { 7 }, 7)]
    public void The_90th_percentile_is_the_nearest_rank_value(int[] values, int expected) => Of(values).Percentile(90).ShouldBe(expected);

    [Fact]
    public void An_empty_histogram_has_no_median_and_no_percentile()
    {
        Of().Median().ShouldBeNull();
        Of().Percentile(90).ShouldBeNull();
    }

    [Fact]
    public void Replacing_a_value_gives_the_same_figures_as_counting_the_new_values_afresh()
    {
        var updated = Of(1, 4, 9, 9);
        updated.Remove(9);
        updated.Add(2);

        var afresh = Of(1, 2, 4, 9);
        updated.Count.ShouldBe(afresh.Count);
        updated.Median().ShouldBe(afresh.Median());
        updated.Percentile(90).ShouldBe(afresh.Percentile(90));
    }

    [Fact]
    public void Removing_a_value_never_added_is_refused() => Should.Throw<InvalidOperationException>(() => Of(1).Remove(2));
}
