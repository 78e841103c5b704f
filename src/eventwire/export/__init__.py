"""Writers of stored data in other systems' layouts (GDELT, ...)."""
