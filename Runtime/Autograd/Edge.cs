namespace AutoDiffGen;

/// <summary>
/// Where a node sends one of its input gradients: to output <see cref="InputNr"/> of <see cref="Node"/>,
/// or nowhere when the input does not require grad (<see cref="Node"/> is null), as PyTorch's <c>next_edges</c>.
/// </summary>
public readonly record struct Edge(Node? Node, int InputNr);
