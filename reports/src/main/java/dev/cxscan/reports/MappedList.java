package dev.cxscan.reports;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * A read-only view of a list whose elements are mapped when read, not before. Report templates list one row per
 * finding or resource; building every row's model up front held a map per finding (and on a large account tens of
 * MB of resource excerpts) in the heap while the page was written, where a view makes each row garbage once it is
 * rendered. Each read maps again: use it for models a template reads once or twice.
 */
public final class MappedList<T, R> extends AbstractList<R> implements RandomAccess {
    private final List<T> source;
    private final Function<? super T, ? extends R> mapper;

    private MappedList(List<T> source, Function<? super T, ? extends R> mapper) {
        this.source = source;
        this.mapper = mapper;
    }

    /** {@code source} (a random-access list that does not change meanwhile) seen through {@code mapper}. */
    public static <T, R> List<R> of(List<T> source, Function<? super T, ? extends R> mapper) {
        return new MappedList<>(source, mapper);
    }

    @Override
    public R get(int index) {
        return mapper.apply(source.get(index));
    }

    @Override
    public int size() {
        return source.size();
    }
}
