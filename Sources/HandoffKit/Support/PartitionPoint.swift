/// The first index of `range` at which `isBefore` is false, for a predicate that holds up to
/// some index and not after it (an ascending list asked "does entry `i` come before the value
/// sought?"): the one binary search behind every sorted lookup of the library, on arrays and on
/// mapped files alike. A lookup for an exact match checks the entry at the index it returns.
func partitionPoint(_ range: Range<Int>, _ isBefore: (Int) -> Bool) -> Int {
  var low = range.lowerBound
  var high = range.upperBound
  while low < high {
    let middle = low + (high - low) / 2
    if isBefore(middle) { low = middle + 1 } else { high = middle }
  }
  return low
}
