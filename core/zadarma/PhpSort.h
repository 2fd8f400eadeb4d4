// SPDX-FileCopyrightText: 2026 CallBridge contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>

namespace CallBridge {

// The algorithm of PHP's zend_sort(): fixed compare-and-swap sequences for up to 5 elements,
// insertion sort up to 16, a median-pivot quicksort above. PHP's key comparison is not always a
// total order (5 < "10 " < "1x" < 5), and then the result depends on which pairs are compared in
// which order, so signing must sort exactly as PHP does, not merely "correctly".
// cmp(a, b) returns <0, 0 or >0; PHP 8's sorts never return 0 for distinct elements.
template<typename Iterator, typename Compare> class PhpZendSort
{
public:
    PhpZendSort(Compare cmp) : m_cmp(cmp) { }

    void sort(Iterator base, std::ptrdiff_t count)
    {
        for (;;) {
            if (count <= 16) {
                insertionSort(base, count);
                return;
            }
            const Iterator start = base;
            const Iterator end = base + count;
            const std::ptrdiff_t half = count >> 1;
            Iterator pivot = start + half;
            if (count >> 10) {
                const std::ptrdiff_t delta = half >> 1;
                sort5(start, start + delta, pivot, pivot + delta, end - 1);
            } else {
                sort3(start, pivot, end - 1);
            }
            std::iter_swap(start + 1, pivot);
            pivot = start + 1;
            Iterator i = pivot + 1;
            Iterator j = end - 1;
            partition(pivot, i, j);
            std::iter_swap(pivot, i - 1);
            if ((i - 1) - start < end - i) {
                sort(start, (i - start) - 1);
                base = i;
                count = end - i;
            } else {
                sort(i, end - i);
                count = (i - start) - 1;
            }
        }
    }

private:
    bool greater(Iterator a, Iterator b) { return m_cmp(*a, *b) > 0; }

    void partition(Iterator pivot, Iterator &i, Iterator &j)
    {
        for (;;) {
            while (greater(pivot, i)) {
                if (++i == j)
                    return;
            }
            if (--j == i)
                return;
            while (greater(j, pivot)) {
                if (--j == i)
                    return;
            }
            std::iter_swap(i, j);
            if (++i == j)
                return;
        }
    }

    void sort2(Iterator a, Iterator b)
    {
        if (greater(a, b))
            std::iter_swap(a, b);
    }

    void sort3(Iterator a, Iterator b, Iterator c)
    {
        if (!greater(a, b)) {
            if (!greater(b, c))
                return;
            std::iter_swap(b, c);
            if (greater(a, b))
                std::iter_swap(a, b);
            return;
        }
        if (!greater(c, b)) {
            std::iter_swap(a, c);
            return;
        }
        std::iter_swap(a, b);
        if (greater(b, c))
            std::iter_swap(b, c);
    }

    void sort4(Iterator a, Iterator b, Iterator c, Iterator d)
    {
        sort3(a, b, c);
        if (greater(c, d)) {
            std::iter_swap(c, d);
            if (greater(b, c)) {
                std::iter_swap(b, c);
                if (greater(a, b))
                    std::iter_swap(a, b);
            }
        }
    }

    void sort5(Iterator a, Iterator b, Iterator c, Iterator d, Iterator e)
    {
        sort4(a, b, c, d);
        if (greater(d, e)) {
            std::iter_swap(d, e);
            if (greater(c, d)) {
                std::iter_swap(c, d);
                if (greater(b, c)) {
                    std::iter_swap(b, c);
                    if (greater(a, b))
                        std::iter_swap(a, b);
                }
            }
        }
    }

    // Moves *i down to position j by adjacent swaps, as PHP does.
    static void rotateDown(Iterator i, Iterator j)
    {
        for (Iterator k = i; k > j; --k)
            std::iter_swap(k, k - 1);
    }

    void insertionSort(Iterator start, std::ptrdiff_t count)
    {
        switch (count) {
        case 0:
        case 1:
            return;
        case 2:
            return sort2(start, start + 1);
        case 3:
            return sort3(start, start + 1, start + 2);
        case 4:
            return sort4(start, start + 1, start + 2, start + 3);
        case 5:
            return sort5(start, start + 1, start + 2, start + 3, start + 4);
        default:
            break;
        }
        const Iterator end = start + count;
        const Iterator sentry = start + 6;
        // The first six: plain linear insertion.
        for (Iterator i = start + 1; i < sentry; ++i) {
            Iterator j = i - 1;
            if (!greater(j, i))
                continue;
            while (j != start) {
                --j;
                if (!greater(j, i)) {
                    ++j;
                    break;
                }
            }
            rotateDown(i, j);
        }
        // The rest: the insertion point is searched two steps at a time.
        for (Iterator i = sentry; i < end; ++i) {
            Iterator j = i - 1;
            if (!greater(j, i))
                continue;
            for (;;) {
                j -= 2;
                if (!greater(j, i)) {
                    ++j;
                    if (!greater(j, i))
                        ++j;
                    break;
                }
                if (j == start)
                    break;
                if (j == start + 1) {
                    --j;
                    if (greater(i, j))
                        ++j;
                    break;
                }
            }
            rotateDown(i, j);
        }
    }

    Compare m_cmp;
};

template<typename Iterator, typename Compare>
void phpZendSort(Iterator first, Iterator last, Compare cmp)
{
    PhpZendSort<Iterator, Compare>(cmp).sort(first, last - first);
}

} // namespace CallBridge
