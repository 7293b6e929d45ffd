"""Pass 3: the shapes pass 2 drafted, with their class names and modules in.

Pass 2 builds every shape once, each named place's pointer standing for its name (a place is
named only once every place is known). Here each pointer becomes the class name pass 2 settled:
a schema's own name, every `TypeRef`, and the targets of a discriminator's mapping, where a
target that is no named schema is dropped.
"""

from __future__ import annotations

from .schema_names import Drafts, module_names
from .type_maps import map_schema, map_type
from .types import Discriminator, Schema, TypeNode, TypeRef, UnionType


class NamedShapes:
    """Puts the settled names into the drafts: `table` for the named schemas, `type_of` for uses."""

    def __init__(self, drafts: Drafts) -> None:
        self.drafts = drafts
        self.refs = {pointer: TypeRef(name) for pointer, name in drafts.names.items()}

    def table(self) -> dict[str, Schema]:
        """The named schemas by class name, in the order of their pointers, each in its module."""
        names, shapes = self.drafts.names, self.drafts.shapes
        modules = module_names(names[p] for p in shapes)
        return {
            names[p]: map_schema(shapes[p], self.type_of, name=names[p], module=modules[names[p]])
            for p in sorted(shapes)
        }

    def written(self) -> dict[str, TypeNode]:
        """The type of each place a schema is used, by that place's pointer."""
        return {pointer: self.type_of(node) for pointer, node in self.drafts.written.items()}

    def type_of(self, node: TypeNode) -> TypeNode:
        return map_type(node, self._named)

    def _named(self, node: TypeNode) -> TypeNode:
        if isinstance(node, TypeRef):
            return self.refs[node.name]
        if isinstance(node, UnionType) and node.discriminator is not None:
            return UnionType(node.members, self._discriminator(node.discriminator))
        return node

    def _discriminator(self, written: Discriminator) -> Discriminator:
        names = self.drafts.names
        mapping = tuple((value, names[target]) for value, target in written.mapping if target in names)
        return Discriminator(written.wire_name, mapping, pointer=written.pointer)
