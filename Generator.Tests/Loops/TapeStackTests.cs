using AutoDiffGen.CompilerServices;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops;

/// <summary>The runtime stack generated loop code saves overwritten values on.</summary>
public sealed class TapeStackTests
{
    [Fact]
    public void Pops_return_values_last_in_first_out_per_kind_across_growth()
    {
        TapeStack stack = TapeStack.Rent();
        for (int i = 0; i < 1000; i++)
        {
            stack.Push(i * 0.5);
            stack.Push(i);
            stack.Push(i % 3 == 0);
            stack.Push((float)i);
        }

        for (int i = 999; i >= 0; i--)
        {
            Assert.Equal((float)i, stack.PopFloat());
            Assert.Equal(i % 3 == 0, stack.PopBool());
            Assert.Equal(i, stack.PopInt());
            Assert.Equal(i * 0.5, stack.PopDouble());
        }

        Assert.Equal(0, stack.Count);
        TapeStack.Return(stack);
    }

    [Fact]
    public void A_reserved_span_filled_after_the_stack_grew_is_kept_and_popped_whole()
    {
        // As a callee's gradient entry does: it fills the reserved partials after pushing (and growing the stack) itself.
        TapeStack stack = TapeStack.Rent();
        stack.Push(-1.0);
        System.Span<double> partials = stack.Reserve(3);
        for (int i = 0; i < 1000; i++) stack.Push((double)i);
        for (int i = 0; i < 1000; i++) stack.PopDouble();
        partials[0] = 10;
        partials[1] = 20;
        partials[2] = 30;
        stack.Keep(partials);
        stack.Push(99.0);

        Assert.Equal(99.0, stack.PopDouble());
        Assert.Equal(new[] { 10.0, 20.0, 30.0 }, stack.PopSpan(3).ToArray());
        Assert.Equal(-1.0, stack.PopDouble());
        Assert.Equal(0, stack.Count);
        TapeStack.Return(stack);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_000)]
    public void Spans_reserved_one_after_another_are_each_kept_where_they_were_reserved(int pushedMeanwhile)
    {
        // A call with two span partials reserves both, its callee may push (and grow the stack) and pop, then each is kept (FB-7).
        TapeStack stack = TapeStack.Rent();
        stack.Push(-1.0);
        System.Span<double> first = stack.Reserve(2);
        System.Span<double> second = stack.Reserve(3);
        for (int i = 0; i < pushedMeanwhile; i++) stack.Push((double)i);
        for (int i = 0; i < pushedMeanwhile; i++) stack.PopDouble();
        first[0] = 1;
        first[1] = 2;
        second[0] = 3;
        second[1] = 4;
        second[2] = 5;
        stack.Keep(first, second.Length);
        stack.Keep(second);
        stack.Push(6.0);

        Assert.Equal(6.0, stack.PopDouble());
        Assert.Equal(new[] { 3.0, 4.0, 5.0 }, stack.PopSpan(3).ToArray());
        Assert.Equal(new[] { 1.0, 2.0 }, stack.PopSpan(2).ToArray());
        Assert.Equal(-1.0, stack.PopDouble());
        Assert.Equal(0, stack.Count);
        TapeStack.Return(stack);
    }

    [Fact]
    public void Reset_to_a_mark_replays_the_same_values()
    {
        TapeStack stack = TapeStack.Rent();
        stack.Push(1.5);
        stack.Push(7);
        TapeMark mark = stack.Mark();
        for (int replay = 0; replay < 2; replay++)
        {
            Assert.Equal(7, stack.PopInt());
            Assert.Equal(1.5, stack.PopDouble());
            stack.Reset(mark);
        }

        TapeStack.Return(stack);
    }

    [Fact]
    public void A_returned_stack_is_handed_out_again_empty_and_returning_twice_is_harmless()
    {
        TapeStack first = TapeStack.Rent();
        first.Push(3.0);
        TapeStack.Return(first);
        TapeStack.Return(first);
        TapeStack second = TapeStack.Rent();
        TapeStack third = TapeStack.Rent();
        Assert.Same(first, second);
        Assert.NotSame(second, third);
        Assert.Equal(0, second.Count);
        TapeStack.Return(second);
        TapeStack.Return(third);
    }

    [Fact]
    public void Reset_outside_the_capacity_throws_naming_the_mark()
    {
        TapeStack stack = TapeStack.Rent();
        var error = Assert.Throws<System.ArgumentOutOfRangeException>(() => stack.Reset(new TapeMark(1_000_000, 0)));
        Assert.Contains("1000000", error.Message);
        TapeStack.Return(stack);
    }

    [Fact]
    public void Pushes_through_lent_arrays_grow_them_and_the_stack_pops_them_after_the_take_back()
    {
        // As a call-free loop nest does: values pushed before the lend, 1000 through the lent locals (which grow), then popped.
        TapeStack stack = TapeStack.Rent();
        stack.Push(-1.0);
        stack.Push(-2);
        double[] values = stack.LendValues(out int valueCount);
        int[] integers = stack.LendIntegers(out int integerCount);
        for (int i = 0; i < 1000; i++)
        {
            TapeStack.PushInto(ref values, ref valueCount, i * 0.25);
            TapeStack.PushInto(ref integers, ref integerCount, i);
            TapeStack.PushInto(ref integers, ref integerCount, i % 2 == 0);
        }

        stack.TakeBackValues(values, valueCount);
        stack.TakeBackIntegers(integers, integerCount);

        for (int i = 999; i >= 0; i--)
        {
            Assert.Equal(i % 2 == 0, stack.PopBool());
            Assert.Equal(i, stack.PopInt());
            Assert.Equal(i * 0.25, stack.PopDouble());
        }

        Assert.Equal(-2, stack.PopInt());
        Assert.Equal(-1.0, stack.PopDouble());
        TapeStack.Return(stack);
    }

    [Fact]
    public void Pops_through_lent_arrays_leave_the_stack_at_the_depth_taken_back()
    {
        TapeStack stack = TapeStack.Rent();
        for (int i = 0; i < 10; i++) stack.Push((double)i);
        double[] values = stack.LendValues(out int count);
        Assert.Equal(9.0, values[--count]);
        Assert.Equal(8.0, values[--count]);
        stack.TakeBackValues(values, count);

        Assert.Equal(8, stack.Count);
        Assert.Equal(7.0, stack.PopDouble());
        TapeStack.Return(stack);
    }

    [Fact]
    public void Taking_back_a_count_outside_the_lent_array_throws_naming_it_and_leaves_the_stack_as_it_was()
    {
        TapeStack stack = TapeStack.Rent();
        stack.Push(3.0);
        double[] values = stack.LendValues(out _);

        var error = Assert.Throws<System.ArgumentOutOfRangeException>(() => stack.TakeBackValues(values, values.Length + 1));
        Assert.Contains("TakeBackValues", error.Message);
        Assert.Contains((values.Length + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
        Assert.Throws<System.ArgumentOutOfRangeException>(() => stack.TakeBackIntegers(stack.LendIntegers(out _), -1));
        Assert.Equal(1, stack.Count);
        Assert.Equal(3.0, stack.PopDouble());
        TapeStack.Return(stack);
    }

    [Fact]
    public void A_region_named_by_its_start_is_read_back_from_the_current_array_after_pushes_grew_the_stack()
    {
        // As a copied fill does outside the fused entry: each iteration writes its slice taken from the array current at
        // that moment, pushes (growing the stack) after it, and the reverse reads the slices back by their start.
        TapeStack stack = TapeStack.Rent();
        stack.Push(-1.0);
        double[] values = stack.LendValues(out int count);
        int start = TapeStack.ReserveRegionInto(ref values, ref count, 3 * 2);
        for (int iteration = 0; iteration < 3; iteration++)
        {
            var slice = new System.Span<double>(values, start + iteration * 2, 2);
            slice[0] = iteration;
            slice[1] = 10 + iteration;
            for (int i = 0; i < 1000; i++) TapeStack.PushInto(ref values, ref count, i);
        }

        stack.TakeBackValues(values, count);
        for (int iteration = 2; iteration >= 0; iteration--)
        {
            for (int i = 999; i >= 0; i--) Assert.Equal(i, stack.PopDouble());
            Assert.Equal(new[] { (double)iteration, 10.0 + iteration }, stack.Region(start + iteration * 2, 2).ToArray());
        }

        stack.Release(3 * 2);
        Assert.Equal(-1.0, stack.PopDouble());
        Assert.Equal(0, stack.Count);
        TapeStack.Return(stack);
    }

    [Fact]
    public void A_region_held_as_a_span_keeps_what_it_holds_when_pushes_move_the_stack()
    {
        // As the fused entry does: it holds the region's span from the forward sweep to the reverse sweep.
        TapeStack stack = TapeStack.Rent();
        double[] values = stack.LendValues(out int count);
        System.Span<double> region = TapeStack.ReserveInto(ref values, ref count, 4);
        region[0] = 1;
        for (int i = 0; i < 1000; i++) TapeStack.PushInto(ref values, ref count, i);
        region[3] = 4;
        stack.TakeBackValues(values, count);
        for (int i = 0; i < 1000; i++) stack.PopDouble();

        // What was written before and after the stack moved is there (a region is not cleared: fills write all of it).
        Assert.Equal(1.0, region[0]);
        Assert.Equal(4.0, region[3]);
        stack.Release(4);
        Assert.Equal(0, stack.Count);
        TapeStack.Return(stack);
    }

    [Fact]
    public void A_negative_region_throws_naming_the_method_and_leaves_the_count_alone()
    {
        TapeStack stack = TapeStack.Rent();
        double[] values = stack.LendValues(out int count);

        var error = Assert.Throws<System.ArgumentOutOfRangeException>(() => TapeStack.ReserveRegionInto(ref values, ref count, -6));
        Assert.Contains("ReserveRegionInto: length -6 is negative", error.Message, System.StringComparison.Ordinal);
        Assert.Equal(0, count);
        Assert.Throws<System.ArgumentOutOfRangeException>(() => stack.ReserveRegion(-1));
        Assert.Equal(0, stack.Count);
        TapeStack.Return(stack);
    }
}
