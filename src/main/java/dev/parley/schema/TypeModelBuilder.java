package dev.parley.schema;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.parley.protocol.Defaulted;
import dev.parley.protocol.Omissible;
import dev.parley.protocol.v2.ProtocolRegistry.NotificationMethod;
import dev.parley.protocol.v2.ProtocolRegistry.RequestMethod;
import dev.parley.protocol.RealtimeEvent;
import dev.parley.protocol.RealtimeEventVariant;
import dev.parley.protocol.Unsigned;
import dev.parley.schema.Field.Presence;
import dev.parley.schema.NamedType.AlternativesType;
import dev.parley.schema.NamedType.EnumType;
import dev.parley.schema.NamedType.ExternalUnionType;
import dev.parley.schema.NamedType.ExternalVariant;
import dev.parley.schema.NamedType.IntersectionType;
import dev.parley.schema.NamedType.JsonValueType;
import dev.parley.schema.NamedType.Location;
import dev.parley.schema.NamedType.MessageKind;
import dev.parley.schema.NamedType.MethodUnionType;
import dev.parley.schema.NamedType.MethodVariant;
import dev.parley.schema.NamedType.ObjectType;
import dev.parley.schema.NamedType.TaggedUnionType;
import dev.parley.schema.NamedType.TaggedVariant;
import dev.parley.schema.SchemaModel.JsonRoot;
import dev.parley.schema.TypeRef.ScalarKind;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Builds the {@link SchemaModel} by reflection over the protocol surface: records (component order,
 * {@code @JsonProperty} names, nullability annotations), enums, type-tagged sealed interfaces, and
 * {@link RealtimeEvent} through its {@link RealtimeEventVariant} table.
 */
final class TypeModelBuilder {

    static final String CLIENT_REQUEST = "ClientRequest";
    static final String CLIENT_NOTIFICATION = "ClientNotification";
    static final String SERVER_NOTIFICATION = "ServerNotification";
    static final String SERVER_NOTIFICATION_ENVELOPE = "ServerNotificationEnvelope";
    static final String REQUEST_ID = "RequestId";

    private static final String V2_PACKAGE = "dev.parley.protocol.v2";

    private final Map<String, NamedType> types = new LinkedHashMap<>();
    /** Which class claimed which name, so that two classes with one simple name fail loudly. */
    private final Map<String, Class<?>> classesByName = new HashMap<>();
    private final Deque<Class<?>> pending = new ArrayDeque<>();

    private TypeModelBuilder() {
    }

    static SchemaModel build(ProtocolSurface surface) {
        return new TypeModelBuilder().model(surface);
    }

    private SchemaModel model(ProtocolSurface surface) {
        addMessageUnions(surface);
        List<JsonRoot> roots = jsonRoots(surface);
        drainPending();
        SchemaModel model = new SchemaModel(types, roots, inputOnly(surface));
        TitleCheck.verify(model);
        return model;
    }

    /** The types that exist only on the wire, not as Java records: the message unions and their helpers. */
    private void addMessageUnions(ProtocolSurface surface) {
        List<Field> envelope = fields(NotificationEnvelopeFields.class);
        add(new AlternativesType(REQUEST_ID, Location.ROOT,
                List.of(new TypeRef.Scalar(ScalarKind.STRING), new TypeRef.Scalar(ScalarKind.INT64))));
        add(new MethodUnionType(CLIENT_REQUEST, Location.ROOT, MessageKind.REQUEST,
                surface.requests().stream().map(r -> methodVariant(r.method(), "Request", r.params())).toList(),
                List.of()));
        add(new MethodUnionType(CLIENT_NOTIFICATION, Location.ROOT, MessageKind.NOTIFICATION,
                notificationVariants(surface.clientNotifications()), List.of()));
        add(new MethodUnionType(SERVER_NOTIFICATION, Location.ROOT, MessageKind.NOTIFICATION,
                notificationVariants(surface.serverNotifications()), envelope));
        add(new IntersectionType(SERVER_NOTIFICATION_ENVELOPE, Location.ROOT, envelope, SERVER_NOTIFICATION));
        add(new JsonValueType());
    }

    /** The layout of {@code 06} §2: unions, {@code RequestId} and {@code RealtimeEvent} on top, messages below. */
    private List<JsonRoot> jsonRoots(ProtocolSurface surface) {
        List<JsonRoot> roots = new ArrayList<>();
        for (String name : List.of(CLIENT_NOTIFICATION, CLIENT_REQUEST, named(RealtimeEvent.class).name(),
                REQUEST_ID, SERVER_NOTIFICATION)) {
            roots.add(new JsonRoot("", name));
        }
        Set<Class<?>> messageTypes = new LinkedHashSet<>();
        for (RequestMethod<?, ?> request : surface.requests()) {
            messageTypes.add(request.params());
            messageTypes.add(request.result());
        }
        Stream.concat(surface.clientNotifications().stream(), surface.serverNotifications().stream())
                .map(NotificationMethod::params)
                .filter(Objects::nonNull)
                .forEach(messageTypes::add);
        for (Class<?> type : messageTypes) {
            // Root-package messages are the two initialize types, which Codex keeps in v1/.
            roots.add(new JsonRoot(location(type) == Location.V2 ? "v2" : "v1", named(type).name()));
        }
        return roots;
    }

    /** Every type that no server-sent message (notification or result) can contain. */
    private Set<String> inputOnly(ProtocolSurface surface) {
        List<String> serverSent = new ArrayList<>(List.of(SERVER_NOTIFICATION, SERVER_NOTIFICATION_ENVELOPE));
        surface.requests().forEach(request -> serverSent.add(named(request.result()).name()));
        Set<String> inputOnly = new HashSet<>(types.keySet());
        inputOnly.removeAll(SchemaModel.reachable(types, serverSent));
        return inputOnly;
    }

    private List<MethodVariant> notificationVariants(List<NotificationMethod<?>> notifications) {
        return notifications.stream().map(n -> methodVariant(n.method(), "Notification", n.params())).toList();
    }

    private MethodVariant methodVariant(String method, String suffix, @Nullable Class<?> params) {
        String title = method.substring(0, 1).toUpperCase(Locale.ROOT) + method.substring(1) + suffix;
        return new MethodVariant(method, title, params == null ? null : named(params).name());
    }

    private void add(NamedType type) {
        if (types.putIfAbsent(type.name(), type) != null) {
            throw new IllegalStateException("two exported types are named " + type.name());
        }
    }

    /** A reference to a class's named type; its definition is built later, so cycles are harmless. */
    private TypeRef.Named named(Class<?> type) {
        String name = type.getSimpleName();
        Class<?> owner = classesByName.putIfAbsent(name, type);
        if (owner == null) {
            pending.add(type);
        } else if (owner != type) {
            throw new IllegalStateException("two exported types are named " + name + ": " + owner.getName()
                    + " and " + type.getName());
        }
        return new TypeRef.Named(name);
    }

    private void drainPending() {
        while (!pending.isEmpty()) {
            add(define(pending.poll()));
        }
    }

    private NamedType define(Class<?> type) {
        String name = type.getSimpleName();
        Location location = location(type);
        String description = Optional.ofNullable(type.getAnnotation(JsonClassDescription.class))
                .map(JsonClassDescription::value).orElse(null);
        if (type.isEnum()) {
            return new EnumType(name, location, description, enumValues(type));
        }
        if (type.isRecord()) {
            return new ObjectType(name, location, description, fields(type));
        }
        if (type == RealtimeEvent.class) {
            return new ExternalUnionType(name, location, description, RealtimeEventVariant.inOrder().stream()
                    .map(v -> new ExternalVariant(v.key(), v.key() + name, payload(v))).toList());
        }
        JsonTypeInfo typeInfo = type.getAnnotation(JsonTypeInfo.class);
        JsonSubTypes subTypes = type.getAnnotation(JsonSubTypes.class);
        if (type.isSealed() && typeInfo != null && subTypes != null) {
            List<TaggedVariant> variants = Arrays.stream(subTypes.value())
                    .map(sub -> taggedVariant(sub, name)).toList();
            return new TaggedUnionType(name, location, description, typeInfo.property(), variants);
        }
        throw new IllegalArgumentException("cannot export " + type.getName()
                + ": not a record, an enum, RealtimeEvent or a @JsonSubTypes sealed interface");
    }

    private TaggedVariant taggedVariant(JsonSubTypes.Type sub, String unionName) {
        JsonTypeName typeName = sub.value().getAnnotation(JsonTypeName.class);
        String tag = !sub.name().isEmpty() ? sub.name() : typeName != null ? typeName.value() : "";
        if (tag.isEmpty()) {
            throw new IllegalArgumentException(sub.value().getName() + " has no type tag");
        }
        return new TaggedVariant(tag, pascalCase(tag) + unionName, fields(sub.value()));
    }

    private TypeRef payload(RealtimeEventVariant variant) {
        return switch (variant.payloadKind()) {
            case NAMED -> named(requireNonNull(variant.payloadType(), variant));
            case INLINE -> new TypeRef.InlineObject(fields(variant.type()));
            case STRING -> new TypeRef.Scalar(ScalarKind.STRING);
            case ANY_JSON -> new TypeRef.AnyJson();
        };
    }

    private static Class<?> requireNonNull(@Nullable Class<?> type, RealtimeEventVariant variant) {
        if (type == null) {
            throw new IllegalStateException(variant + " is NAMED but has no payload type");
        }
        return type;
    }

    private List<Field> fields(Class<?> record) {
        List<Field> fields = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            fields.add(field(component));
        }
        return fields;
    }

    private Field field(RecordComponent component) {
        // @JsonProperty and @JsonPropertyDescription do not target record components; javac propagates
        // them to the accessor. @Nullable is TYPE_USE, so it sits on the component's annotated type.
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        String name = property != null && !property.value().isEmpty() ? property.value() : component.getName();
        boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
        boolean defaulted = component.isAnnotationPresent(Defaulted.class);
        boolean omissible = component.isAnnotationPresent(Omissible.class);
        if ((nullable ? 1 : 0) + (defaulted ? 1 : 0) + (omissible ? 1 : 0) > 1) {
            throw new IllegalArgumentException(component + " has more than one of @Nullable, @Defaulted, @Omissible");
        }
        Presence presence = nullable ? Presence.NULLABLE : defaulted ? Presence.DEFAULTED
                : omissible ? Presence.OMISSIBLE : Presence.REQUIRED;
        JsonPropertyDescription description = component.getAccessor().getAnnotation(JsonPropertyDescription.class);
        TypeRef type = typeRef(component.getGenericType(), component.getAnnotation(Unsigned.class), component);
        return new Field(name, type, presence, description == null ? null : description.value());
    }

    private TypeRef typeRef(Type type, @Nullable Unsigned unsigned, RecordComponent where) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type argument = parameterized.getActualTypeArguments()[0];
            if (raw == List.class) {
                return new TypeRef.ArrayOf(typeRef(argument, null, where));
            }
            if (raw == Map.class) {
                if (parameterized.getActualTypeArguments()[0] != String.class) {
                    throw new IllegalArgumentException("map keys must be strings: " + where);
                }
                return new TypeRef.MapOf(typeRef(parameterized.getActualTypeArguments()[1], null, where));
            }
            if (raw == Optional.class) {
                // Optional only distinguishes "absent" from null (prompt); on the wire it is its content.
                return typeRef(argument, unsigned, where);
            }
        }
        if (type instanceof Class<?> cls) {
            if (cls == int.class || cls == Integer.class) {
                return new TypeRef.Scalar(unsigned == null ? ScalarKind.INT32 : unsignedKind(unsigned, where));
            }
            if (unsigned != null) {
                throw new IllegalArgumentException("@Unsigned on a non-int component: " + where);
            }
            if (cls == String.class) {
                return new TypeRef.Scalar(ScalarKind.STRING);
            }
            if (cls == boolean.class || cls == Boolean.class) {
                return new TypeRef.Scalar(ScalarKind.BOOLEAN);
            }
            if (cls == long.class || cls == Long.class) {
                return new TypeRef.Scalar(ScalarKind.INT64);
            }
            if (JsonNode.class.isAssignableFrom(cls)) {
                return new TypeRef.AnyJson();
            }
            if (cls.isEnum() || cls.isRecord() || cls.isSealed()) {
                return named(cls);
            }
        }
        throw new IllegalArgumentException("unsupported type " + type.getTypeName() + " of " + where);
    }

    private static ScalarKind unsignedKind(Unsigned unsigned, RecordComponent where) {
        return switch (unsigned.value()) {
            case 16 -> ScalarKind.UINT16;
            case 32 -> ScalarKind.UINT32;
            default -> throw new IllegalArgumentException("@Unsigned(" + unsigned.value() + ") on " + where);
        };
    }

    private static List<String> enumValues(Class<?> type) {
        List<String> values = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            String constantName = ((Enum<?>) constant).name();
            try {
                JsonProperty property = type.getField(constantName).getAnnotation(JsonProperty.class);
                if (property == null || property.value().isEmpty()) {
                    throw new IllegalArgumentException(type.getName() + "." + constantName
                            + " has no @JsonProperty wire value");
                }
                values.add(property.value());
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
        }
        return values;
    }

    private static Location location(Class<?> type) {
        return type.getPackageName().equals(V2_PACKAGE) ? Location.V2 : Location.ROOT;
    }

    /** {@code websocket} → {@code Websocket}, {@code read_only} → {@code ReadOnly}, {@code readOnly} → {@code ReadOnly}. */
    static String pascalCase(String tag) {
        StringBuilder out = new StringBuilder();
        for (String part : tag.split("_")) {
            if (!part.isEmpty()) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
