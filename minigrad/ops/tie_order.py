"""PyTorch's order among equal elements, for sort, topk, kthvalue and mode (ops/sorting.py).

PyTorch's CPU kernels call C++ routines (``std::sort``, ``std::nth_element``,
``std::partial_sort``, a quickselect) that break ties their own way; numpy's routines break them
differently. ``Replay`` runs the same algorithms on the positions of one row, in Python, so
that the same indices come out. Only rows that have ties need it.
"""


def nan_last(a, b):
    """a < b, with nan as the largest value (a != a only for nan)."""
    return (b != b and a == a) or a < b


def nan_first(a, b):
    """a > b, with nan as the largest value."""
    return (a != a and b == b) or a > b


class Replay:
    """The C++ standard library's std::sort, std::nth_element and std::partial_sort (as in
    GCC's libstdc++), and PyTorch's quickselect, replayed on the positions of one row: so equal
    elements end up in the order PyTorch gives them. ``less(a, b)`` compares two values."""

    def __init__(self, row, less):
        values = row.tolist()
        self.v = list(range(len(values)))
        self.less = lambda i, j: less(values[i], values[j])

    def sort(self, first=0, last=None):
        """std::sort: introsort (quicksort, heapsort if too deep), then insertion sort."""
        last = len(self.v) if last is None else last
        if last - first > 1:
            self._introsort(first, last, 2 * ((last - first).bit_length() - 1))
            self._insertion_sort(first, min(last, first + 16))
            for i in range(first + 16, last):
                self._insert(i)
        return self.v

    def topk(self, k, sorted):
        """PyTorch's topk: std::partial_sort for a small k, else std::nth_element and then
        std::sort of the first k - 1."""
        if k == 0:
            return []
        if k * 64 <= len(self.v):
            self._partial_sort(0, k, len(self.v))
        else:
            self._nth_element(k - 1)
            if sorted:
                self.sort(0, k - 1)
        return self.v[:k]

    def quickselect(self, k):
        """PyTorch's kthvalue: quickselect with a median-of-three pivot; ``less`` is its
        "greater or nan"."""
        v, gt = self.v, self.less
        lo, hi = 0, len(v) - 1
        while hi > lo:
            if hi == lo + 1:
                if gt(v[lo], v[hi]):
                    v[lo], v[hi] = v[hi], v[lo]
                break
            mid = lo + (hi - lo) // 2
            v[mid], v[lo + 1] = v[lo + 1], v[mid]
            for a, b in ((lo + 1, hi), (lo, hi), (lo + 1, lo)):
                if gt(v[a], v[b]):
                    v[a], v[b] = v[b], v[a]
            i, j, pivot = lo + 1, hi, v[lo]
            while True:
                i += 1
                while gt(pivot, v[i]):
                    i += 1
                j -= 1
                while gt(v[j], pivot):
                    j -= 1
                if j < i:
                    break
                v[i], v[j] = v[j], v[i]
            v[lo], v[j] = v[j], v[lo]
            if j <= k:
                lo = i
            if j >= k:
                hi = j - 1
        return v[k]

    def _insertion_sort(self, first, last):
        v = self.v
        for i in range(first + 1, last):
            item = v[i]
            if self.less(item, v[first]):
                v[first + 1:i + 1] = v[first:i]
                v[first] = item
            else:
                self._insert(i)

    def _insert(self, i):
        v, item = self.v, self.v[i]
        while self.less(item, v[i - 1]):
            v[i] = v[i - 1]
            i -= 1
        v[i] = item

    def _partition(self, first, last):
        """Move the median of three elements to ``first``, partition the rest around it."""
        v, less = self.v, self.less
        a, b, c = first + 1, first + (last - first) // 2, last - 1
        if less(v[a], v[b]):
            m = b if less(v[b], v[c]) else c if less(v[a], v[c]) else a
        else:
            m = a if less(v[a], v[c]) else c if less(v[b], v[c]) else b
        v[first], v[m] = v[m], v[first]
        lo, hi = first + 1, last
        while True:
            while less(v[lo], v[first]):
                lo += 1
            hi -= 1
            while less(v[first], v[hi]):
                hi -= 1
            if lo >= hi:
                return lo
            v[lo], v[hi] = v[hi], v[lo]
            lo += 1

    def _introsort(self, first, last, depth):
        while last - first > 16:
            if depth == 0:
                self._partial_sort(first, last, last)
                return
            depth -= 1
            cut = self._partition(first, last)
            self._introsort(cut, last, depth)
            last = cut

    def _nth_element(self, nth):
        first, last = 0, len(self.v)
        depth = 2 * (last.bit_length() - 1)
        while last - first > 3:
            if depth == 0:
                self._heap_select(first, nth + 1, last)
                self.v[first], self.v[nth] = self.v[nth], self.v[first]
                return
            depth -= 1
            cut = self._partition(first, last)
            first, last = (cut, last) if cut <= nth else (first, cut)
        self._insertion_sort(first, last)

    def _partial_sort(self, first, middle, last):
        self._heap_select(first, middle, last)
        v = self.v
        for end in range(middle - 1, first, -1):  # sort_heap
            item, v[end] = v[end], v[first]
            self._sift(first, 0, end - first, item)

    def _heap_select(self, first, middle, last):
        """A max-heap of [first, middle) holding the smallest elements of [first, last)."""
        v, n = self.v, middle - first
        for parent in range((n - 2) // 2, -1, -1):
            self._sift(first, parent, n, v[first + parent])
        for i in range(middle, last):
            if self.less(v[i], v[first]):
                item, v[i] = v[i], v[first]
                self._sift(first, 0, n, item)

    def _sift(self, first, hole, n, item):
        """libstdc++'s __adjust_heap: move the hole down to a leaf, then ``item`` back up."""
        v, less, top, child = self.v, self.less, hole, hole
        while child < (n - 1) // 2:
            child = 2 * (child + 1)
            if less(v[first + child], v[first + child - 1]):
                child -= 1
            v[first + hole], hole = v[first + child], child
        if n % 2 == 0 and child == (n - 2) // 2:
            child = 2 * (child + 1)
            v[first + hole], hole = v[first + child - 1], child - 1
        parent = (hole - 1) // 2
        while hole > top and less(v[first + parent], item):
            v[first + hole], hole = v[first + parent], parent
            parent = (hole - 1) // 2
        v[first + hole] = item
