using System.Linq.Expressions;
using System.Reflection;

namespace Platform.EventStore;

/// <summary>
/// Rebuilds an aggregate from its events by convention (as Marten does): a static <c>Create(TEvent)</c>
/// for the first event and instance <c>Apply(TEvent)</c> methods that return the new state (or mutate
/// and return void). Events without an Apply method are skipped.
/// </summary>
public sealed class AggregateFolder
{
    private readonly Dictionary<Type, Func<object, object>> _creators = new();
    private readonly Dictionary<Type, Func<object, object, object>> _appliers = new();
    private readonly Func<object>? _defaultCtor;

    public Type AggregateType { get; }

    public IEnumerable<Type> EventTypes => _creators.Keys.Concat(_appliers.Keys).Distinct();

    public AggregateFolder(Type aggregateType)
    {
        AggregateType = aggregateType;
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic;
        foreach (var m in aggregateType.GetMethods(flags | BindingFlags.Static).Where(m => m.Name == "Create"))
        {
            var ps = m.GetParameters();
            if (ps.Length != 1 || !aggregateType.IsAssignableFrom(m.ReturnType)) continue;
            var e = Expression.Parameter(typeof(object));
            var body = Expression.Convert(Expression.Call(m, Expression.Convert(e, ps[0].ParameterType)), typeof(object));
            _creators[ps[0].ParameterType] = Expression.Lambda<Func<object, object>>(body, e).Compile();
        }
        foreach (var m in aggregateType.GetMethods(flags | BindingFlags.Instance).Where(m => m.Name == "Apply"))
        {
            var ps = m.GetParameters();
            if (ps.Length != 1) continue;
            var self = Expression.Parameter(typeof(object));
            var e = Expression.Parameter(typeof(object));
            var typedSelf = Expression.Convert(self, aggregateType);
            var call = Expression.Call(typedSelf, m, Expression.Convert(e, ps[0].ParameterType));
            Expression body = m.ReturnType == typeof(void)
                ? Expression.Block(call, Expression.Convert(typedSelf, typeof(object)))
                : Expression.Convert(call, typeof(object));
            _appliers[ps[0].ParameterType] = Expression.Lambda<Func<object, object, object>>(body, self, e).Compile();
        }
        var ctor = aggregateType.GetConstructor(flags | BindingFlags.Instance, Type.EmptyTypes);
        if (ctor is not null) _defaultCtor = Expression.Lambda<Func<object>>(Expression.New(ctor)).Compile();
    }

    public object? Fold(object? state, IEnumerable<object> events)
    {
        foreach (var e in events) state = Evolve(state, e);
        return state;
    }

    public object? Evolve(object? state, object @event)
    {
        var type = @event.GetType();
        if (state is null)
        {
            if (_creators.TryGetValue(type, out var create)) return create(@event);
            if (_defaultCtor is null) return null;
            state = _defaultCtor();
        }
        return _appliers.TryGetValue(type, out var apply) ? apply(state, @event) : state;
    }
}
