namespace Pipeline.Application.Imports;

/// <summary>How many bad-row errors beyond those a report lists in full share a column and a message.</summary>
/// <param name="Column">The column, as written in the file's header.</param>
/// <param name="Message">The message, with <c>{value}</c> where each row's value was quoted.</param>
/// <param name="Count">How many errors (not listed one by one) it stands for.</param>
/// <param name="FirstRow">The first row of them, to start looking.</param>
/// <param name="Example">The value of that first row.</param>
public sealed record RowErrorCount(string Column, string Message, int Count, long FirstRow, string Example);
