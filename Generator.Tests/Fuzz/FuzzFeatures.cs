using System;

namespace AutoDiffGen.Generator.Tests.Fuzz;

/// <summary>Language features the program generator may use beyond straight-line code, branches and calls.</summary>
[Flags]
public enum FuzzFeatures
{
    None = 0,

    /// <summary>Local double[] arrays with element reads, overwrites and compound updates.</summary>
    Arrays = 1,

    /// <summary>for loops with constant trip counts, break, and loop counters in conditions and indices.</summary>
    Loops = 2,

    /// <summary>
    /// Helper methods with double[], ReadOnlySpan&lt;double&gt; and Span&lt;double&gt; parameters they read (with double and int
    /// parameters mixed in), an entry that takes collections too, and calls that pass local arrays, the caller's own
    /// collections, or one collection twice.
    /// </summary>
    Collections = 4,

    /// <summary>
    /// Local arrays declared inside loop bodies (fresh and zeroed each iteration, some sized by a collection's Length),
    /// written in sum loops too. Needs <see cref="Arrays"/> and <see cref="Loops"/> to show.
    /// </summary>
    LoopArrays = 8,

    /// <summary>Conditions written as <c>is</c> patterns (relational, constant, not/and/or) on doubles, int locals and loop counters.</summary>
    Patterns = 16,

    /// <summary>Helpers declared as extension methods in a separate static partial class, called as <c>receiver.H0(…)</c>.</summary>
    ExtensionCalls = 32,

    /// <summary>
    /// Helpers that are instance methods of a nested model class reading its constant fields, called through its static field
    /// <c>Model.Default</c> or static property <c>Model.Shared</c> (and on <c>this</c> from one another).
    /// </summary>
    InstanceCalls = 64,

    /// <summary>
    /// Searches: a for or foreach loop over a collection whose body only overwrites one double under a condition (a maximum, a
    /// minimum, the last element that passes a test, with an optional int index), read after the loop; and near misses of that
    /// shape (the write reads the variable, a second double write, an else, a second statement, a break).
    /// </summary>
    Searches = 128,

    /// <summary>
    /// Fills: a loop that fills a local array whole (<c>a[c] = value</c> for c below a.Length or the length it was made with)
    /// and reads of its elements after it, at the top of a block, in an if branch, or in a counted loop's body (nested in
    /// another loop, calling a helper); and near misses the FillLoops rewrites must leave alone.
    /// </summary>
    Fills = 256,

    /// <summary>
    /// Inlining: small static helpers L0… of the shapes CallInliner takes into a caller's loop (loops with break and continue,
    /// while, foreach, ifs, switch statements, assigned parameters, the caller's names) and near misses it must leave as calls
    /// (an early return, a [NoDerivative] parameter, a call of its own); in F, call sites of them in loops where CallInliner
    /// inlines and where it must not (?: branches, right of &amp;&amp; and ||, while conditions, outside any loop).
    /// </summary>
    Inlining = 512,

    /// <summary>
    /// Span views: locals <c>ReadOnlySpan&lt;double&gt; viewN = …</c> (or <c>Span&lt;double&gt;</c> of a local array the method may
    /// write, then written through) made by Slice, AsSpan, ranges or a plain name, with starts that are 0 written as int
    /// expressions (<c>(i2 - i2)</c>), read, iterated, bounded by and passed to helpers; and view expressions written straight
    /// into call arguments. Every view covers its whole collection, so indices stay in range.
    /// </summary>
    Views = 1024,

    /// <summary>
    /// Buffer swaps: double buffers (two arrays made together, a loop that writes one from the other and swaps them), and
    /// <c>(arrA, arrB) = (arrB, arrA);</c> between any local arrays made outside loops with the same length, anywhere a
    /// statement may write them (in loops too).
    /// </summary>
    Swaps = 2048,

    /// <summary>
    /// Writer callees: static helpers W0… returning void (or double) that write elements of one or two Span&lt;double&gt;/double[]
    /// parameters (plain and compound writes, in for loops and ifs, through views), reading the others and calling read-only
    /// helpers and earlier writers; called from F and from later writers as statements, as the whole value of a declaration or
    /// an assignment, or as the returned value, given local arrays, F's own double[]/Span parameters, views and one array twice.
    /// </summary>
    Writers = 4096,

    /// <summary>
    /// Writers' own local arrays: with <see cref="Writers"/>, a writer may declare arrays (of a constant length, in its loops
    /// too) and write and read them like F's, so that a call in F's loops has them made once before the loop and cleared
    /// each time round. (A parameter's Length would be that of the argument, a view whose start may read the counter of the
    /// caller's loop, which the generator rightly refuses.)
    /// </summary>
    WriterArrays = 8192,

    /// <summary>
    /// Span stores: <c>Clear()</c>, <c>Fill(value)</c> and <c>CopyTo(destination)</c> on regions of writable arrays, views and
    /// a writer's written parameters (whole, or <c>AsSpan(start, length)</c>/<c>Slice(start, length)</c>), CopyTo from any
    /// readable collection or of the target at another start (overlapping); where element writes are drawn, one time in three.
    /// </summary>
    SpanStores = 16384,

    /// <summary>
    /// Ref scalars: with <see cref="Writers"/>, a void writer sometimes takes a <c>ref double r</c>, which it reads and
    /// assigns like its other doubles; callers pass one of their double variables (<c>W0(arr1, ref v3)</c>).
    /// </summary>
    RefScalars = 32768,

    /// <summary>
    /// TensorPrimitives reductions as expressions: <c>TensorPrimitives.Dot</c>, <c>Distance</c>, <c>Sum</c>, <c>SumOfSquares</c>,
    /// <c>SumOfMagnitudes</c>, <c>Norm</c>, <c>Product</c>, <c>Max</c> and <c>Min</c> of readable collections, whole or as regions
    /// (<c>AsSpan(s, n)</c>, <c>Slice(s, n)</c>, ranges), arrays and Span operands with <c>&lt;double&gt;</c>; the twin reduces its
    /// Tensor[] elements with the runtime's conventions at kinks (ties split evenly, a zero norm has gradient 0).
    /// </summary>
    Reductions = 65536,

    /// <summary>
    /// <c>++</c>/<c>--</c> of an int local inside an element access (<c>arr[n++] = e;</c>, <c>double v = p[--n] * e;</c>), prefix
    /// and postfix, in straight runs and in a loop that fills an array; the local is read nowhere else, and every index it
    /// makes is in range.
    /// </summary>
    SteppedIndices = 131072,

    /// <summary>
    /// 2-D arrays: local <c>double[,]</c> arrays of 2 × 3 (written and read by element, <c>+=</c> and <c>*=</c> too), loops bounded
    /// by <c>GetLength(0)</c>, <c>GetLength(1)</c> and <c>Length</c>, foreach over the elements, and F taking a <c>double[,]</c>
    /// parameter it reads and writes.
    /// </summary>
    Matrices = 262144,

    /// <summary>
    /// A jagged parameter <c>double[][]</c> of F with rows of 3, 2 and 3 elements, only read: elements <c>J[r][c]</c>, loops over
    /// <c>J.Length</c> and <c>J[r].Length</c>, foreach over the rows and within a row, rows taken into locals (then read as any
    /// collection and passed to helpers) and rows given to the reductions.
    /// </summary>
    JaggedParameters = 524288,

    /// <summary>
    /// Local functions of F (<c>Lf0</c>…), declared among its top-level statements: expression-bodied or with a block (locals,
    /// ifs, loops, one return at the end), over double and int parameters (some <c>in</c>), static or reading F's doubles, int
    /// locals and double[] collections, calling earlier local functions and the helpers; called from F's statements wherever
    /// an expression stands, or, when the body has statements, only where the statement always runs the call (a declaration,
    /// an assignment, a return, an if's condition; not under ?: branches).
    /// </summary>
    LocalFunctions = 1048576,

    /// <summary>
    /// <c>in double</c> and <c>ref readonly double</c> parameters on F and on the helpers (those their method never assigns,
    /// passes by ref or, for F, lets a local function capture); callers pass a variable as <c>in v</c> half the time.
    /// </summary>
    InParameters = 2097152,

    /// <summary>
    /// LINQ's <c>Sum()</c>, <c>Average()</c>, <c>Max()</c> and <c>Min()</c> without a selector, as <c>a.Sum()</c> or
    /// <c>Enumerable.Sum(a)</c>, of the double[] a method reads (local arrays, double[] parameters, jagged rows and row locals),
    /// where the statement always runs them; the twin sums in order and gives a maximum's gradient to its first element.
    /// </summary>
    LinqReductions = 4194304,

    /// <summary>
    /// Statements calling TensorPrimitives' exact elementwise methods (Add, Subtract, Multiply, Divide, Max, Min, Negate, Abs,
    /// Sqrt, MultiplyAdd, FusedMultiplyAdd; span and value operands) into a region of a writable local array, Span view or
    /// F's double[]/Span parameter; operands regions of any readable collection that overlap the destination only from its
    /// start (in place) or not at all; divisors and square roots taken of 1 + v² made the same way first.
    /// </summary>
    TensorElementwise = 8388608,

    /// <summary>
    /// With <see cref="TensorElementwise"/>, also TensorPrimitives' transcendental methods, which TensorPrimitives computes
    /// itself in the generated code: Exp, Tanh, Sigmoid, Sin, Cos, Log (of 1 + v²) and Pow (its base 1 + v²; span or value operands).
    /// </summary>
    TensorTranscendental = 16777216,

    /// <summary>Every flag before views and swaps: with these, a seed gives the program it gave then.</summary>
    BeforeViews = Arrays | Loops | Collections | LoopArrays | Patterns | ExtensionCalls | InstanceCalls | Searches | Fills | Inlining,

    /// <summary>Every flag before writers: with these, a seed gives the program it gave then.</summary>
    BeforeWriters = BeforeViews | Views | Swaps,

    /// <summary>Every flag before writers' local arrays: with these, a seed gives the program it gave then.</summary>
    BeforeWriterArrays = BeforeWriters | Writers,

    /// <summary>Every flag before span stores: with these, a seed gives the program it gave then.</summary>
    BeforeSpanStores = BeforeWriterArrays | WriterArrays,

    /// <summary>Every flag before ref scalars: with these, a seed gives the program it gave then.</summary>
    BeforeRefScalars = BeforeSpanStores | SpanStores,

    /// <summary>Every flag before reductions: with these, a seed gives the program it gave then.</summary>
    BeforeReductions = BeforeRefScalars | RefScalars,

    /// <summary>Every flag before local functions, in parameters, LINQ and elementwise TensorPrimitives: with these, a seed gives the program it gave then.</summary>
    BeforeLocalFunctions = BeforeReductions | Reductions | SteppedIndices | Matrices | JaggedParameters,

    /// <summary>Every flag before TensorPrimitives' transcendental methods: with these, a seed gives the program it gave then.</summary>
    BeforeTensorTranscendental = BeforeLocalFunctions | LocalFunctions | InParameters | LinqReductions | TensorElementwise,

    All = BeforeTensorTranscendental | TensorTranscendental,

    /// <summary>What CI checks: everything (AUTODIFFGEN_FUZZ_FEATURES=None narrows it to straight-line code).</summary>
    Default = All,
}
