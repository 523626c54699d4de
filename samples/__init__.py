"""Sample documents: the Northdene demo set and the drawing kit that the test fixtures share."""
